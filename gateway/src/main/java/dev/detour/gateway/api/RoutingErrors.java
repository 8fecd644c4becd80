package dev.detour.gateway.api;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.routing.RoutingException;

/** Turns a routed call that found no answer into the error a client gets, with the right status. */
final class RoutingErrors {

    private RoutingErrors() {
    }

    static ApiException toApi(RoutingException e) {
        ProviderException last = e.decisive();
        if (last == null) {
            return new ApiException(503, "upstream_error", "no_providers", null, e.getMessage());
        }
        FailureClass failure = last.failureClass();
        return switch (failure) {
            case BAD_REQUEST -> new ApiException(clientStatus(last), "invalid_request_error",
                    last.code(), last.param(), e.getMessage());
            case CONTENT_POLICY -> new ApiException(400, "invalid_request_error", "content_filter", last.param(),
                    e.getMessage());
            case CONTEXT_TOO_LONG -> new ApiException(400, "invalid_request_error", "context_length_exceeded",
                    last.param() == null ? "messages" : last.param(), e.getMessage());
            case RATE_LIMITED -> new ApiException(429, "rate_limit_error", "rate_limit_exceeded", null, e.getMessage());
            case TIMEOUT -> new ApiException(504, "upstream_error", "upstream_timeout", null, e.getMessage());
            default -> new ApiException(failure.clientStatus(), "upstream_error", "all_providers_failed", null,
                    e.getMessage());
        };
    }

    /** The upstream's own 4xx when it is the client's fault (413, 422, ...), else 400. */
    private static int clientStatus(ProviderException e) {
        int status = e.upstreamStatus();
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429 ? status : 400;
    }
}
