package dev.detour.gateway.providers;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.providers.failure.SecretRedactor;
import dev.detour.gateway.providers.http.ProviderHttp;
import dev.detour.gateway.providers.http.UpstreamHttpClient;
import dev.detour.gateway.providers.http.UpstreamHttpClientBuilder;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;

import java.time.Clock;
import java.time.Duration;

/** Everything one configured provider shares among its deployments: its family, HTTP client and classifier. */
final class ProviderRuntime implements AutoCloseable {

    // Only a safety net for a provider that never sends response headers; the gateway's own timeouts come first.
    private static final Duration RESPONSE_HEADERS_TIMEOUT = Duration.ofMinutes(10);

    private final ProviderConfig config;
    private final ProviderFamily family;
    private final ProviderHttp http;
    private final UpstreamHttpClient client;
    private final FailureClassifier classifier;
    private final String baseUrl;

    ProviderRuntime(ProviderConfig config, ProviderFamily family, Clock clock) {
        this.config = config;
        this.family = family;
        this.baseUrl = family.baseUrl(config.baseUrl());
        this.http = new ProviderHttp(config.connectTimeout());
        this.client = http.client(family.wire(), RESPONSE_HEADERS_TIMEOUT);
        this.classifier = new FailureClassifier(family.kind(), family.errors(),
                new SecretRedactor(config.apiKey(), config.headers().values()), clock);
    }

    ProviderFamily family() {
        return family;
    }

    UpstreamHttpClient client() {
        return client;
    }

    FailureClassifier classifier() {
        return classifier;
    }

    ModelSetup setup(ModelConfig model) {
        return new ModelSetup(config, model, baseUrl, new UpstreamHttpClientBuilder(client));
    }

    DeploymentId deploymentId(ModelConfig model) {
        return new DeploymentId(config.name(), model.name());
    }

    @Override
    public void close() {
        http.close();
    }
}
