package dev.detour.gateway.providers.failure;

import dev.detour.gateway.providers.FailureClass;

/**
 * The words OpenAI-shaped errors use for a prompt that does not fit and for a content refusal; shared by the
 * OpenAI, OpenAI-compatible and Mistral dialects, which extend them with their own.
 */
public final class OpenAiStyleErrors {

    private OpenAiStyleErrors() {
    }

    public static boolean isContextTooLong(ProviderError e) {
        return "context_length_exceeded".equals(e.code())
                || e.mentions("maximum context length")
                || e.mentions("context_length_exceeded")
                || e.mentions("context window")
                || e.mentions("too many tokens")
                || e.mentions("too large for model")
                || e.mentions("prompt is too long");
    }

    public static boolean isContentPolicy(ProviderError e) {
        return "content_policy_violation".equals(e.code())
                || "content_filter".equals(e.code())
                || e.mentions("content_policy_violation")
                || e.mentions("content management policy")
                || e.mentions("content filter");
    }

    /** The class decided by the words, for a 4xx error; null when the status decides. */
    public static FailureClass classify(int status, ProviderError e) {
        if (status >= 500) {
            return null;
        }
        if (isContextTooLong(e)) {
            return FailureClass.CONTEXT_TOO_LONG;
        }
        if (isContentPolicy(e)) {
            return FailureClass.CONTENT_POLICY;
        }
        if ("insufficient_quota".equals(e.code()) || "invalid_api_key".equals(e.code())) {
            // OpenAI answers 429 for an exhausted budget: waiting does not help, the account must be fixed.
            return FailureClass.AUTH_OR_CONFIG;
        }
        return null;
    }
}
