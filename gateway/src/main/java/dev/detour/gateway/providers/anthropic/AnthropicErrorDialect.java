package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.failure.ProviderError;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;

/** Anthropic's {@code {"type":"error","error":{"type":"overloaded_error","message":...}}}, also sent in-band in streams. */
public final class AnthropicErrorDialect implements ErrorDialect {

    @Override
    public ProviderError parse(String body) {
        return ErrorBodies.parse(body);
    }

    @Override
    public FailureClass classify(int status, ProviderError error) {
        if (error.mentions("prompt is too long") || error.mentions("exceeds the context window")) {
            return FailureClass.CONTEXT_TOO_LONG;
        }
        if (error.mentions("content filtering") || error.mentions("content policy")) {
            return FailureClass.CONTENT_POLICY;
        }
        String type = error.type() == null ? "" : error.type();
        return switch (type) {
            case "overloaded_error", "api_error" -> FailureClass.OVERLOADED;
            case "rate_limit_error" -> FailureClass.RATE_LIMITED;
            case "authentication_error", "permission_error", "not_found_error", "billing_error" ->
                    FailureClass.AUTH_OR_CONFIG;
            default -> null;
        };
    }

    @Override
    public ProviderErrorEvent streamError(Throwable error) {
        if (!(error instanceof AnthropicStreamingException e)) {
            return null;
        }
        return new ProviderErrorEvent(impliedStatus(e.type()),
                new ProviderError(e.getMessage(), null, e.type(), null, null));
    }

    @Override
    public ProviderErrorEvent streamErrorIn(String data) {
        ProviderError error = parse(data);
        return new ProviderErrorEvent(impliedStatus(error.type()), error);
    }

    /** The HTTP status Anthropic answers with for this error type. */
    private static int impliedStatus(String type) {
        return switch (type == null ? "" : type) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "api_error" -> 500;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            default -> 400;
        };
    }
}
