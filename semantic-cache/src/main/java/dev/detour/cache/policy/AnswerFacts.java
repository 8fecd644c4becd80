package dev.detour.cache.policy;

/**
 * What the caller knows about an answer it offers to the cache. {@code origin} says whether it came from the
 * requested route as planned, from a failover, or from a degraded source (the local model, a stale answer).
 * {@code complete} is false for a stream that did not reach its end.
 */
public record AnswerFacts(int status, String finishReason, boolean complete, boolean hasToolCalls, Origin origin) {

    /** Where an answer came from, as far as caching is concerned. */
    public enum Origin {
        /** The requested route's first choice answered. */
        REQUESTED_ROUTE,
        /** Another tier or route answered after a failure: right for this request, not the route's answer. */
        FAILOVER,
        /** The local model, a stale cache answer, anything marked degraded. */
        DEGRADED
    }
}
