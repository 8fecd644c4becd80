package dev.detour.gateway.config;

import java.util.List;

/**
 * How a route screens its candidates for one request: the smallest context window it accepts, what it does when
 * no candidate's window holds the conversation, the default cost ceiling of one request (USD; null: none), and
 * the languages (ISO 639-1) whose prompts may only go to candidates that declare them.
 */
public record RouteScreening(int minContextWindow, ContextOverflow onContextOverflow, Double maxCostUsd,
                             List<String> languagesRequired) {

    public static final RouteScreening DEFAULTS = new RouteScreening(0, ContextOverflow.REJECT, null, List.of());

    public RouteScreening {
        languagesRequired = languagesRequired == null ? List.of() : List.copyOf(languagesRequired);
    }

    /** What a route does with a conversation too long for every candidate's context window. */
    public enum ContextOverflow {
        /** Answer 400 {@code context_length_exceeded}. */
        REJECT,
        /** Drop the oldest turns (never the system prompt or the last user turn) and say so in a header. */
        TRIM
    }
}
