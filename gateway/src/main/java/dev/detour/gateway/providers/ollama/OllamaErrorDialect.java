package dev.detour.gateway.providers.ollama;

import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.failure.ErrorBodies;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.failure.ProviderError;
import dev.langchain4j.model.ollama.OllamaStreamingException;

/** Ollama's {@code {"error":"..."}}, also sent in-band as a stream line. */
public final class OllamaErrorDialect implements ErrorDialect {

    @Override
    public ProviderError parse(String body) {
        return ErrorBodies.parse(body);
    }

    @Override
    public FailureClass classify(int status, ProviderError error) {
        if (error.mentions("context length") || error.mentions("context window")
                || error.mentions("exceeds the context") || error.mentions("input length exceeds")) {
            return FailureClass.CONTEXT_TOO_LONG;
        }
        if (status == 404 || error.mentions("model") && error.mentions("not found")) {
            return FailureClass.AUTH_OR_CONFIG;
        }
        return null;
    }

    @Override
    public ProviderErrorEvent streamError(Throwable error) {
        if (!(error instanceof OllamaStreamingException e)) {
            return null;
        }
        // An in-band error after a 200 is the server failing mid-answer (runner crash, out of memory...).
        return new ProviderErrorEvent(500, new ProviderError(e.getMessage(), null, null, null, null));
    }

    @Override
    public ProviderErrorEvent streamErrorIn(String data) {
        return new ProviderErrorEvent(500, parse(data)); // as above: the server failing mid-answer
    }
}
