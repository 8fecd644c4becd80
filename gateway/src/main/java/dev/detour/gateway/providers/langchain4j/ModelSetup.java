package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.langchain4j.http.client.HttpClientBuilder;

import java.time.Duration;

/** What a family needs to build its LangChain4j models for one deployment. */
public record ModelSetup(ProviderConfig provider, ModelConfig model, String baseUrl, HttpClientBuilder http) {

    /**
     * The timeout handed to LangChain4j builders. Our HTTP client ignores it (the gateway owns timeouts); it is set
     * only so that no builder falls back to its own default.
     */
    public static final Duration LANGCHAIN4J_TIMEOUT = Duration.ofMinutes(10);

    public String apiKey() {
        return provider.apiKey();
    }
}
