package dev.detour.gateway.api;

/** The response headers through which Detour says who answered and how. */
public final class DetourHeaders {

    /** The deployment ({@code provider/model}) that produced the answer. */
    public static final String PROVIDER = "x-detour-provider";
    /** How many deployments were tried for this request, the answering one included. */
    public static final String ATTEMPTS = "x-detour-attempts";
    /** Each attempt and its outcome, e.g. {@code openai/gpt-4o-mini=rate_limited, anthropic/claude-3-5-haiku=ok}. */
    public static final String ATTEMPT_LOG = "x-detour-attempt-log";
    /** {@code true} when a local model answered as the last resort because the route's providers failed. */
    public static final String DEGRADED = "x-detour-degraded";
    /** The route the request was served on. */
    public static final String ROUTE = "x-detour-route";
    /** Echoed from the client, or made up when the client sent none. */
    public static final String REQUEST_ID = "x-request-id";

    private DetourHeaders() {
    }
}
