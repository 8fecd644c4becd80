package dev.detour.gateway.providers;

import java.time.Duration;

/**
 * A classified failure of one upstream call. The message is the provider's reason, safe to show to a client:
 * adapters never put keys, headers or request URLs with credentials in it.
 */
public class ProviderException extends RuntimeException {

    private final FailureClass failureClass;
    private final int upstreamStatus;
    private final Duration retryAfter;
    private final String code;
    private final String param;

    public ProviderException(FailureClass failureClass, int upstreamStatus, String message, Duration retryAfter,
                             String code, String param, Throwable cause) {
        super(message, cause);
        this.failureClass = failureClass;
        this.upstreamStatus = upstreamStatus;
        this.retryAfter = retryAfter;
        this.code = code;
        this.param = param;
    }

    public ProviderException(FailureClass failureClass, String message) {
        this(failureClass, 0, message, null, null, null, null);
    }

    public FailureClass failureClass() {
        return failureClass;
    }

    /** The upstream HTTP status, or 0 when none came back (transport failure, timeout). */
    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** How long the provider asked us to wait (Retry-After, retry-after-ms, Gemini RetryInfo), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The provider's machine-readable code mapped to OpenAI's where one exists (e.g. context_length_exceeded). */
    public String code() {
        return code;
    }

    /** The request field the provider blamed, when it said. */
    public String param() {
        return param;
    }
}
