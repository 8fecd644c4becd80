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
    /** What the answer cost in USD at the serving model's prices (non-streaming answers; streams: the usage ledger). */
    public static final String COST = "x-detour-cost-usd";
    /** How many of the oldest messages were dropped to fit a context window (only when some were). */
    public static final String TRIMMED_MESSAGES = "x-detour-trimmed-messages";
    /** The prompt's detected language (ISO 639-1), when the route routes by language. */
    public static final String LANGUAGE = "x-detour-language";
    /** {@code true} on an answer replayed for a repeated Idempotency-Key. */
    public static final String IDEMPOTENT_REPLAY = "x-detour-idempotent-replay";
    /** Echoed from the client, or made up when the client sent none. */
    public static final String REQUEST_ID = "x-request-id";

    private DetourHeaders() {
    }
}
