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

    /**
     * The HTTP status an OpenAI-style error sent inside a stream implies (the stream itself began with a 200): a
     * numeric code some compatible servers send (vLLM's {@code "code":503}), else the type and code words; an error
     * the words do not place is the server failing mid-answer (500). {@link #classify} then reads the words as usual.
     */
    public static int impliedStatus(ProviderError e) {
        int numeric = httpStatus(e.code());
        if (numeric == 0) {
            numeric = httpStatus(e.status());
        }
        if (numeric != 0) {
            return numeric;
        }
        if (isContextTooLong(e) || isContentPolicy(e)) {
            return 400;
        }
        String code = lower(e.code());
        String type = lower(e.type());
        if (code.equals("invalid_api_key") || type.equals("authentication_error")) {
            return 401;
        }
        if (code.equals("insufficient_quota")) {
            return 429; // classify() makes it AUTH_OR_CONFIG, as for the HTTP answer
        }
        if (code.equals("rate_limit_exceeded") || type.equals("rate_limit_exceeded") || type.equals("rate_limit_error")
                || type.equals("requests") || type.equals("tokens") || e.mentions("rate limit")) {
            return 429;
        }
        if (code.contains("overloaded") || type.contains("overloaded") || e.mentions("overloaded")) {
            return 503;
        }
        return 500; // server_error, and anything else: the server failed mid-answer
    }

    private static int httpStatus(String text) {
        if (text == null || text.length() != 3) {
            return 0;
        }
        try {
            int status = Integer.parseInt(text);
            return status >= 400 && status <= 599 ? status : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
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
