package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.failure.OpenAiStyleErrors;
import dev.detour.gateway.providers.failure.ProviderError;

/** OpenAI's error shape {@code {"error":{"message","type","param","code"}}} and the lenient variants of compatible servers. */
public final class OpenAiErrorDialect implements ErrorDialect {

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
