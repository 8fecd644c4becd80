package dev.detour.bench.cachespeed;

import dev.detour.cache.embed.OnnxEmbedder;
import dev.detour.gateway.config.CacheConfig;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.server.DetourServer;
import dev.detour.sim.ProviderSim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An exact cache hit through the whole gateway (HTTP in, cache, HTTP out), one request at a time on loopback. */
final class GatewayExactHit {

    private GatewayExactHit() {
    }

    static String run(OnnxEmbedder embedder, int requests) throws Exception {
        Path dir = Files.createTempDirectory("detour-cache-gw-");
        try (ProviderSim sim = ProviderSim.start(); ProviderAdapters adapters = new ProviderAdapters()) {
            ProviderConfig provider = new ProviderConfig("openai", ProviderKind.OPENAI, sim.baseUrl() + "/v1", "k",
                    null, null, List.of(new ModelConfig("gpt-4o-mini", 128_000, 1.0, 2.0, false)));
            RouteConfig route = new RouteConfig("chat", List.of(new TierConfig(
                    List.of(new DeploymentId("openai", "gpt-4o-mini")), Duration.ofSeconds(5))));
            DetourConfig config = new DetourConfig(new ServerConfig("127.0.0.1", 0, 1 << 20, dir), List.of(provider),
                    List.of(route)).withCache(CacheConfig.DEFAULTS);
            DetourServer server = DetourServer.start(config, adapters, Duration.ofSeconds(10), m -> embedder);
            try {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"temperature\":0,"
                                + "\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                                + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}"))
                        .build();
                client.send(request, HttpResponse.BodyHandlers.ofString());
                for (int i = 0; i < 1000; i++) {
                    client.send(request, HttpResponse.BodyHandlers.ofString());
                }
                Latencies latencies = new Latencies();
                int exact = 0;
                for (int i = 0; i < requests; i++) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.recordNanos(System.nanoTime() - s);
                    exact += "exact".equals(r.headers().firstValue("x-detour-cache").orElse("")) ? 1 : 0;
                }
                return "## Exact hit through the whole gateway\n\nOne client, keep-alive HTTP/1.1 on loopback, "
                        + "after 1,000 warm-up requests; " + exact + " of " + requests + " answered `exact`.\n\n"
                        + Latencies.header() + "\n" + latencies.row("exact hit, client-side round trip") + "\n\n";
            } finally {
                server.close();
                CacheSpeedBenchmark.deleteTree(dir);
            }
        }
    }
}
