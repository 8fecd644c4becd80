package dev.detour.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.cache.embed.Embedder;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.server.DetourServer;
import dev.detour.sim.ProviderSim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.detour.gateway.contract.SimGateway.chatModel;
import static dev.detour.gateway.contract.SimGateway.provider;
import static dev.detour.gateway.contract.SimGateway.route;
import static dev.detour.gateway.contract.SimGateway.tier;

/**
 * A gateway with the semantic cache on, against the provider sim: route {@code chat} is {@code primary/gpt-a} with
 * {@code backup/gpt-c} as its second tier, route {@code other} is {@code primary/gpt-b}. The embedder is shared (a
 * loaded model) or a fault in front of it.
 */
final class CachedGateway implements AutoCloseable {

    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderAdapters adapters;
    private final DetourServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private CachedGateway(ProviderAdapters adapters, DetourServer server) {
        this.adapters = adapters;
        this.server = server;
    }

    /** The x-detour-cache header of an answer (exact, semantic, miss), or null. */
    static String cacheHeader(HttpResponse<String> response) {
        return response.headers().firstValue(CacheHeaders.CACHE).orElse(null);
    }

    /** An answer's body as JSON; a body that is not JSON fails the test with the body in the message. */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    static CachedGateway start(ProviderSim sim, Path dataDir, CacheConfig cache, Embedder embedder) {
        ProviderAdapters adapters = new ProviderAdapters();
        DetourConfig config = new DetourConfig(new ServerConfig("127.0.0.1", 0, 1024 * 1024, dataDir),
                List.of(provider(sim, "primary", ProviderKind.OPENAI, chatModel("gpt-a"), chatModel("gpt-b")),
                        provider(sim, "backup", ProviderKind.OPENAI, chatModel("gpt-c"))),
                List.of(route("chat", tier("primary", "gpt-a", PATIENT), tier("backup", "gpt-c", PATIENT)),
                        route("other", tier("primary", "gpt-b", PATIENT))))
                .withCache(cache);
        return new CachedGateway(adapters, DetourServer.start(config, adapters, PATIENT, model -> embedder));
    }

    HttpResponse<String> chat(String body, String... headers) {
        return send("POST", "/v1/chat/completions", body, headers);
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sturdy client of the other tests, which keeps what arrived before a stream broke off. */
    dev.detour.gateway.support.Http http() {
        return new dev.detour.gateway.support.Http(server.port());
    }

    @Override
    public void close() {
        server.close();
        adapters.close();
    }
}
