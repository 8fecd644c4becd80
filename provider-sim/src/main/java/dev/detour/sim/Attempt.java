package dev.detour.sim;

import java.time.Instant;

/**
 * One request that reached a simulated model: when, over which protocol
 * (openai|anthropic|gemini|ollama), whether it streamed, and the fault applied (null if none).
 */
public record Attempt(Instant at, String protocol, boolean stream, String fault) {
}
