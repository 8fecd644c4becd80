package dev.detour.gateway.providers.mistral;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.failure.OpenAiStyleErrors;
import dev.detour.gateway.providers.failure.ProviderError;

/**
 * Mistral's errors: OpenAI-like {@code {"object":"error","message","type","code"}} or {@code {"message","detail"}};
 * a prompt too long reads "Prompt contains N tokens ... too large for model with M maximum context length".
 */
public final class MistralErrorDialect implements ErrorDialect {

    @Override
    public ProviderError parse(String body) {
        return ErrorBodies.parse(body);
    }

    @Override
    public FailureClass classify(int status, ProviderError error) {
        return OpenAiStyleErrors.classify(status, error);
    }

    @Override
    public ProviderErrorEvent streamErrorIn(String data) {
        ProviderError error = parse(data);
        return new ProviderErrorEvent(OpenAiStyleErrors.impliedStatus(error), error);
    }
}
