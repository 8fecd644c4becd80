package dev.detour.gateway.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.failure.ProviderError;
import dev.detour.gateway.providers.failure.RetryAfter;

import java.time.Duration;

/**
 * Google's {@code {"error":{"code","message","status","details":[...]}}}: the status word decides the class
 * (RESOURCE_EXHAUSTED, UNAVAILABLE...) and a {@code google.rpc.RetryInfo} detail carries the retry delay.
 */
public final class GeminiErrorDialect implements ErrorDialect {

    @Override
    public ProviderError parse(String body) {
        return ErrorBodies.parse(body);
    }

    @Override
    public FailureClass classify(int status, ProviderError error) {
        if (error.mentions("exceeds the maximum number of tokens") || error.mentions("input token count")) {
            return FailureClass.CONTEXT_TOO_LONG;
        }
        if (error.mentions("API key not valid") || error.mentions("API_KEY_INVALID")) {
            return FailureClass.AUTH_OR_CONFIG; // Google answers 400 INVALID_ARGUMENT for a bad key
        }
        String word = error.status() == null ? "" : error.status();
        return switch (word) {
            case "RESOURCE_EXHAUSTED" -> FailureClass.RATE_LIMITED;
            case "UNAVAILABLE", "INTERNAL" -> FailureClass.OVERLOADED;
            case "DEADLINE_EXCEEDED" -> FailureClass.TIMEOUT;
            case "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND" -> FailureClass.AUTH_OR_CONFIG;
            default -> null;
        };
    }

    /** A frame {@code {"error":{"code":503,...,"status":"UNAVAILABLE"}}} sent mid-stream: its code, else its status word. */
    @Override
    public ProviderErrorEvent streamErrorIn(String data) {
        ProviderError error = parse(data);
        return new ProviderErrorEvent(impliedStatus(error), error);
    }

    private static int impliedStatus(ProviderError error) {
        try {
            int code = error.code() == null ? 0 : Integer.parseInt(error.code());
            if (code >= 400 && code <= 599) {
                return code;
            }
        } catch (NumberFormatException e) {
            // not a number: the status word decides
        }
        return switch (error.status() == null ? "" : error.status()) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500; // INTERNAL, and anything else: the server failed mid-answer
        };
    }

    @Override
    public Duration retryDelayIn(String body) {
        JsonNode root = ErrorBodies.tree(body);
        JsonNode details = root == null ? null : root.path("error").path("details");
        if (details == null || !details.isArray()) {
            return null;
        }
        for (JsonNode detail : details) {
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                return RetryAfter.protoDuration(detail.path("retryDelay").asText(null));
            }
        }
        return null;
    }
}
