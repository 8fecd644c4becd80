package dev.detour.cache;

import dev.detour.cache.policy.AnswerFacts;

/** An answer offered to the cache: its body in the OpenAI schema (opaque here), who made it, and what is known of it. */
public record AnswerToStore(byte[] body, String provider, String model, AnswerFacts facts) {
}
