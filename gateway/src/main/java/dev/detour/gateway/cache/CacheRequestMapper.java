package dev.detour.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ContentPart;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Describes a chat request to the cache: the tenant, the route, the conversation and every setting that can change
 * the answer, each in a canonical JSON form (keys sorted) so that the same request written differently keys the
 * same. Left out, because they do not change the answer: {@code model} (the route stands for it), {@code stream},
 * {@code stream_options}, {@code user}. Requests for several choices ({@code n > 1}) are not cacheable.
 */
public final class CacheRequestMapper {

    private final ObjectMapper mapper;

    public CacheRequestMapper(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<CacheRequest> describe(String tenant, String route, ChatCompletionRequest request) {
        if (request.n() != null && request.n() > 1) {
            return Optional.empty();
        }
        List<Turn> turns = new ArrayList<>(request.messages().size());
        for (ChatMessage message : request.messages()) {
            turns.add(turn(message));
        }
        Map<String, String> sampling = new TreeMap<>();
        put(sampling, "temperature", request.temperature());
        put(sampling, "top_p", request.topP());
        put(sampling, "max_tokens", request.outputTokenLimit());
        put(sampling, "stop", request.stop());
        put(sampling, "seed", request.seed());
        put(sampling, "presence_penalty", request.presencePenalty());
        put(sampling, "frequency_penalty", request.frequencyPenalty());
        put(sampling, "tool_choice", request.toolChoice());
        put(sampling, "parallel_tool_calls", request.parallelToolCalls());
        // Fields Detour does not model: the adapters refuse or pass them, so they key the answer too.
        request.otherFields().forEach((name, value) -> sampling.put("other." + name, canonical(value)));
        return Optional.of(new CacheRequest(tenant, route, turns, json(request.tools()),
                json(request.responseFormat()), sampling, request.temperature()));
    }

    private Turn turn(ChatMessage message) {
        boolean plain = message.toolCalls() == null && message.toolCallId() == null && message.name() == null
                && message.refusal() == null && message.content() != null && textOnly(message);
        return plain ? Turn.text(message.role(), message.text()) : new Turn(message.role(), json(message), false);
    }

    private static boolean textOnly(ChatMessage message) {
        if (message.content().isPlain()) {
            return true;
        }
        List<ContentPart> parts = message.content().parts();
        return !parts.isEmpty() && parts.stream().allMatch(p -> "text".equals(p.type()));
    }

    private void put(Map<String, String> sampling, String name, Object value) {
        if (value != null) {
            sampling.put(name, json(value));
        }
    }

    private String json(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Integer || value instanceof Long || value instanceof Boolean
                || value instanceof String) {
            // A scalar has no keys to sort, and is written the same with or without a tree in between.
            try {
                return mapper.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return canonical(mapper.valueToTree(value));
    }

    private String canonical(JsonNode node) {
        try {
            return mapper.writeValueAsString(sorted(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same JSON with every object's keys in order, so that key order never changes a cache key. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }
}
