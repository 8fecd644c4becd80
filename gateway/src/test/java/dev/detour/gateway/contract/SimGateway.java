package dev.detour.gateway.contract;

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
import dev.detour.gateway.support.Http;
import dev.detour.gateway.support.TestDataDirs;
import dev.detour.sim.ProviderSim;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A gateway on loopback whose providers are all the one provider sim, reached through the real LangChain4j
 * adapters: what the contract tests talk to. The sim outlives gateways, so a test class can start a fresh gateway
 * per test against one sim.
 */
public final class SimGateway implements AutoCloseable {

    /** A tier timeout generous enough for a cold adapter's first call on a busy two-core machine. */
    public static final Duration PATIENT = Duration.ofSeconds(10);
    /** How long a started stream may stay silent, unless a test says otherwise. */
    public static final Duration STREAM_IDLE_LIMIT = Duration.ofSeconds(10);

    private final ProviderAdapters adapters;
    private final DetourServer server;

    private SimGateway(ProviderAdapters adapters, DetourServer server) {
        this.adapters = adapters;
        this.server = server;
    }

    /** Starts a gateway with {@code config}'s providers, routes and routing settings. */
    public static SimGateway start(DetourConfig config) {
        ProviderAdapters adapters = new ProviderAdapters();
        return new SimGateway(adapters, DetourServer.start(config, adapters));
    }

    /** A configuration on an ephemeral loopback port with a fresh data folder. */
    public static DetourConfig config(List<ProviderConfig> providers, List<RouteConfig> routes) {
        return new DetourConfig(new ServerConfig("127.0.0.1", 0, 1024 * 1024, TestDataDirs.fresh()), providers, routes);
    }

    /** Starts a gateway with {@code providers} (see {@link #provider}) and {@code routes}. */
    public static SimGateway start(List<ProviderConfig> providers, List<RouteConfig> routes) {
        return start(providers, routes, STREAM_IDLE_LIMIT);
    }

    /** As {@link #start(List, List)}, ending a started stream that stays silent for {@code streamIdleLimit}. */
    public static SimGateway start(List<ProviderConfig> providers, List<RouteConfig> routes,
                                   Duration streamIdleLimit) {
        return start(providers, routes, streamIdleLimit, UnaryOperator.identity());
    }

    /** As {@link #start(List, List, Duration)}, with the rest of the configuration (prices, idempotency) adjusted. */
    public static SimGateway start(List<ProviderConfig> providers, List<RouteConfig> routes, Duration streamIdleLimit,
                                   UnaryOperator<DetourConfig> adjust) {
        ProviderAdapters adapters = new ProviderAdapters();
        DetourConfig config = adjust.apply(new DetourConfig(
                new ServerConfig("127.0.0.1", 0, 1024 * 1024, TestDataDirs.fresh()), providers, routes));
        return new SimGateway(adapters, DetourServer.start(config, adapters, streamIdleLimit));
    }

    /** A provider of {@code kind} named {@code name} whose upstream is the sim, speaking that kind's protocol. */
    public static ProviderConfig provider(ProviderSim sim, String name, ProviderKind kind, ModelConfig... models) {
        String baseUrl = switch (kind) {
            case OPENAI, OPENAI_COMPATIBLE -> sim.baseUrl() + "/v1";
            case ANTHROPIC, GEMINI, MISTRAL, OLLAMA -> sim.baseUrl();
        };
        return new ProviderConfig(name, kind, baseUrl, "sim-key-" + name, null, null, List.of(models));
    }

    public static ModelConfig chatModel(String name) {
        return new ModelConfig(name, 128_000, 1.0, 2.0, false);
    }

    public static ModelConfig embeddingModel(String name) {
        return new ModelConfig(name, 8_192, 0.1, 0.0, true);
    }

    public static RouteConfig route(String name, TierConfig... tiers) {
        return new RouteConfig(name, List.of(tiers));
    }

    /** A tier of one deployment, {@code provider/model}. */
    public static TierConfig tier(String provider, String model, Duration timeout) {
        return new TierConfig(List.of(new DeploymentId(provider, model)), timeout);
    }

    /** Forgets every deployment's health (closed circuits, no cool-downs), as a fresh gateway would start. */
    public void resetHealth() {
        server.health().reset();
    }

    public DetourServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The base URL an OpenAI client is given: {@code http://127.0.0.1:PORT/v1}. */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public Http http() {
        return new Http(port());
    }

    @Override
    public void close() {
        server.close();
        adapters.close();
    }
}
