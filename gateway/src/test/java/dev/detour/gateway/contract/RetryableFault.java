package dev.detour.gateway.contract;

import dev.detour.sim.Fault;

import java.time.Duration;
import java.util.List;

/**
 * A way tier 1 fails that must send the request on to tier 2, and the failure class the gateway should log for it
 * (as written in {@code x-detour-attempt-log}).
 *
 * @param impatient  whether the case needs a tier-1 timeout short enough to expire during the test
 * @param quickRetry whether the gateway retries tier 1 once before moving on (a blip: a plain 500, a reset)
 */
record RetryableFault(String name, Fault fault, String failureClass, boolean impatient, boolean quickRetry) {

    static List<RetryableFault> all() {
        return List.of(
                new RetryableFault("429", Fault.status(429), "rate_limited", false, false),
                new RetryableFault("429 with Retry-After", Fault.status(429).retryAfter(Duration.ofSeconds(2)),
                        "rate_limited", false, false),
                new RetryableFault("500", Fault.status(500), "overloaded", false, true),
                new RetryableFault("503", Fault.status(503), "overloaded", false, false),
                new RetryableFault("connection reset before headers", Fault.resetBeforeHeaders(), "transport", false,
                        true),
                new RetryableFault("hang past the tier timeout", Fault.hang(), "timeout", true, false),
                new RetryableFault("context length exceeded", Fault.contextLengthExceeded(), "context_too_long", false,
                        false));
    }

    @Override
    public String toString() {
        return name;
    }
}
