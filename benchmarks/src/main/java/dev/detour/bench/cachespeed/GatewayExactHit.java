package dev.detour.bench.cachespeed;

import dev.detour.bench.LoadResult;
import dev.detour.bench.Mode;
import dev.detour.bench.WrkLoadGenerator;
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

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An exact cache hit through the whole gateway (HTTP in, cache, HTTP out), one request at a time on loopback. */
final class GatewayExactHit {

    private GatewayExactHit() {
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** The same request from wrk (C, its own process, one connection) for a few seconds: p50 and p99 only. */
    private static String wrkRow(int port, String body, Path dir) throws Exception {
        Optional<WrkLoadGenerator> wrk = WrkLoadGenerator.find(1, dir.resolve("wrk"));
        if (wrk.isEmpty()) {
            return "| exact hit, wrk (not installed) | | | | | |\n";
        }
        try (WrkLoadGenerator generator = wrk.get()) {
            LoadResult r = generator.run(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Mode.JSON, 1, Duration.ofSeconds(5));
            return String.format(java.util.Locale.ROOT, "| exact hit, %s, 1 connection, 5 s (%d errors) | %d | %.3f "
                            + "| | %.3f | |%n", generator.name(), r.errors(), r.requests(), r.p50Micros() / 1000.0,
                    r.p99Micros() / 1000.0);
        }
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
                String body = "{\"model\":\"chat\",\"temperature\":0,"
                        + "\"messages\":[{\"role\":\"system\",\"content\":\"You are helpful.\"},"
                        + "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                + "/v1/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                byte[] raw = RawHttpConnection.post(server.port(), "/v1/chat/completions", body);
                client.send(request, HttpResponse.BodyHandlers.ofString());
                try (RawHttpConnection socket = new RawHttpConnection(server.port())) {
                    for (int i = 0; i < 1000; i++) {
                        client.send(request, HttpResponse.BodyHandlers.ofString());
                        socket.send(raw);
                    }
                    // The two clients take turns, request by request, so that both see the same machine.
                    Latencies jdk = new Latencies();
                    Latencies bare = new Latencies();
                    int exact = 0;
                    long gcBefore = gcMillis();
                    long gcCountBefore = gcCount();
                    for (int i = 0; i < requests; i++) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        jdk.recordNanos(System.nanoTime() - s);
                        exact += "exact".equals(r.headers().firstValue("x-detour-cache").orElse("")) ? 1 : 0;
                        s = System.nanoTime();
                        RawHttpConnection.Response b = socket.send(raw);
                        bare.recordNanos(System.nanoTime() - s);
                        exact += b.status() == 200 && "exact".equals(b.cache()) ? 1 : 0;
                    }
                    // CPU per hit, which machine noise inflates far less than latency: the blocking client alone,
                    // whose own CPU is a small part of the JVM's.
                    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                    long cpuBefore = os.getProcessCpuTime();
                    long wallBefore = System.nanoTime();
                    Latencies alone = new Latencies();
                    for (int i = 0; i < requests; i++) {
                        long s = System.nanoTime();
                        socket.send(raw);
                        alone.recordNanos(System.nanoTime() - s);
                    }
                    double cpuMicros = (os.getProcessCpuTime() - cpuBefore) / 1_000.0 / requests;
                    double wallMicros = (System.nanoTime() - wallBefore) / 1_000.0 / requests;
                    String wrk = wrkRow(server.port(), body, dir);
                    return "## Exact hit through the whole gateway\n\nOne request at a time, keep-alive HTTP/1.1 on "
                            + "loopback, after 1,000 warm-up requests per client; two clients take turns request by "
                            + "request: the JDK HttpClient (a selector thread and an executor between the caller and "
                            + "the socket) and a blocking socket that writes ready request bytes (the cheapest client, "
                            + "so its row is closest to the gateway's own time). " + exact + " of " + 2 * requests
                            + " answered `exact`. GC in the same JVM (gateway and client) during the measurement: "
                            + (gcCount() - gcCountBefore) + " collections, " + (gcMillis() - gcBefore) + " ms.\n\n"
                            + Latencies.header() + "\n" + jdk.row("exact hit, JDK HttpClient round trip") + "\n"
                            + bare.row("exact hit, blocking-socket round trip") + "\n"
                            + alone.row("exact hit, blocking socket alone (no JDK HttpClient threads running)")
                            + "\n" + wrk + "\n"
                            + String.format(java.util.Locale.ROOT, "The last row: %d more requests from the blocking "
                                    + "client alone, CPU per exact hit (the whole JVM): %.0f µs, at %.0f µs of wall time "
                                    + "each.%n%n", requests, cpuMicros, wallMicros);
                }
            } finally {
                server.close();
                CacheSpeedBenchmark.deleteTree(dir);
            }
        }
    }
}
