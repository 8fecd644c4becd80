package dev.detour.cache.support;

import dev.detour.cache.AnswerToStore;
import dev.detour.cache.policy.AnswerFacts;
import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small builders for cache requests and answers in tests. */
public final class Requests {

    private Requests() {
    }

    public static CacheRequest ask(String question) {
        return ask("acme", "chat", "You are helpful.", question);
    }

    public static CacheRequest ask(String tenant, String route, String system, String question) {
        return new CacheRequest(tenant, route, List.of(Turn.text("system", system), Turn.text("user", question)),
                null, null, Map.of("temperature", "0"), 0.0);
    }

    public static AnswerToStore answer(String text) {
        return answer(text, "openai", "gpt-4o-mini");
    }

    public static AnswerToStore answer(String text, String provider, String model) {
        return new AnswerToStore(text.getBytes(StandardCharsets.UTF_8), provider, model,
                new AnswerFacts(200, "stop", true, false, AnswerFacts.Origin.REQUESTED_ROUTE));
    }

    public static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
