package dev.detour.cache.request;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A neutral description of a chat request, the only thing the cache knows of one: who asks (tenant), on which route,
 * the conversation, and every setting that can change the answer. The caller leaves out what cannot (stream, user,
 * stream_options...). {@code sampling} holds the answer-changing settings by name (temperature, top_p, seed,
 * max_tokens, stop, penalties, n, tool_choice...), as canonical strings.
 */
public record CacheRequest(String tenant, String route, List<Turn> turns, String tools, String responseFormat,
                           Map<String, String> sampling, Double temperature) {

    public CacheRequest {
        tenant = tenant == null ? "" : tenant;
        route = route == null ? "" : route;
        turns = List.copyOf(turns);
        tools = tools == null ? "" : tools;
        responseFormat = responseFormat == null ? "" : responseFormat;
        sampling = sampling == null ? Map.of() : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sampling));
    }

    /** The last turn when it is a plain-text user turn: the only text ever matched semantically; null otherwise. */
    public String semanticText() {
        if (turns.isEmpty()) {
            return null;
        }
        Turn last = turns.getLast();
        return last.isUser() && last.textOnly() && !last.content().isBlank() ? last.content() : null;
    }

    /** The last user turn's text, plain or not (for rules that read the question, such as time sensitivity). */
    public String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).isUser()) {
                return turns.get(i).content();
            }
        }
        return "";
    }
}
