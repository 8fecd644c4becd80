package dev.detour.gateway.providers.local;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.local.ChatTemplateException;
import dev.detour.local.GenerationCancelledException;
import dev.detour.local.GenerationTimeoutException;
import dev.detour.local.OverloadedException;
import dev.detour.local.PromptTooLongException;

/** Classifies the local model's failures like any provider's, so the client sees the same statuses and shapes. */
final class LocalFailures {

    private LocalFailures() {
    }

    static ProviderException classify(RuntimeException e) {
        return switch (e) {
            case ProviderException already -> already;
            case OverloadedException o -> new ProviderException(FailureClass.OVERLOADED, 503, o.getMessage(), null,
                    "overloaded", null, o);
            case GenerationTimeoutException t -> new ProviderException(FailureClass.TIMEOUT, 0, t.getMessage(), null,
                    "upstream_timeout", null, t);
            // The gateway interrupts an attempt when its tier's time is up.
            case GenerationCancelledException c -> new ProviderException(FailureClass.TIMEOUT, 0, c.getMessage(), null,
                    "upstream_timeout", null, c);
            case PromptTooLongException p -> new ProviderException(FailureClass.CONTEXT_TOO_LONG, 400, p.getMessage(),
                    null, "context_length_exceeded", "messages", p);
            case ChatTemplateException c -> new ProviderException(FailureClass.BAD_REQUEST, 400, c.getMessage(), null,
                    "invalid_value", "messages", c);
            case IllegalArgumentException i -> new ProviderException(FailureClass.BAD_REQUEST, 400, i.getMessage(), null,
                    "invalid_value", null, i);
            default -> new ProviderException(FailureClass.BAD_RESPONSE, 0, "the local model failed: " + e.getMessage(),
                    null, null, null, e);
        };
    }
}
