package dev.detour.gateway.providers.http;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

import java.time.Duration;

/**
 * Hands LangChain4j our already built {@link UpstreamHttpClient}. Timeouts LangChain4j asks for are ignored on
 * purpose: the connect timeout is the provider's (one JDK client per provider) and the gateway owns the others.
 */
public final class UpstreamHttpClientBuilder implements HttpClientBuilder {

    private final UpstreamHttpClient client;
    private Duration connectTimeout;
    private Duration readTimeout;

    public UpstreamHttpClientBuilder(UpstreamHttpClient client) {
        this.client = client;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public HttpClient build() {
        return client;
    }
}
