package dev.detour.gateway.providers;

/**
 * Why an upstream call failed. Each class has its own policy (DESIGN.md, "Failures are classified"):
 * whether another provider may be tried, and what status the client sees when it is the last failure.
 */
public enum FailureClass {
    /** 429 or a provider's quota signal; honour Retry-After. */
    RATE_LIMITED(true, 429),
    /** 5xx, Anthropic's 529 overloaded, Gemini's UNAVAILABLE. */
    OVERLOADED(true, 503),
    /** Connection refused or reset, TLS failure, DNS: nothing usable came back. */
    TRANSPORT(true, 502),
    /** The provider did not answer (first token, idle or total) within the time it was given. */
    TIMEOUT(true, 504),
    /** The provider answered with something that is not its protocol (a malformed body or chunk). */
    BAD_RESPONSE(true, 502),
    /** The prompt does not fit this model's window: a bigger window may work, the same model never will. */
    CONTEXT_TOO_LONG(true, 400),
    /** Our own key or configuration is wrong (401, 403, unknown model): take the deployment out, try others. */
    AUTH_OR_CONFIG(true, 502),
    /** The provider refused the content; do not retry elsewhere, pass its reason to the client. */
    CONTENT_POLICY(false, 400),
    /** The client's request is invalid (or asks what this provider cannot honour); return it to the client. */
    BAD_REQUEST(false, 400);

    private final boolean triesAnotherProvider;
    private final int clientStatus;

    FailureClass(boolean triesAnotherProvider, int clientStatus) {
        this.triesAnotherProvider = triesAnotherProvider;
        this.clientStatus = clientStatus;
    }

    /** Whether a failure of this class lets the gateway go on to the next candidate. */
    public boolean triesAnotherProvider() {
        return triesAnotherProvider;
    }

    /** The HTTP status the client gets when this is the last failure of a request. */
    public int clientStatus() {
        return clientStatus;
    }
}
