package dev.detour.gateway.support;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.config.TierConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.server.DetourServer;

import java.time.Duration;
import java.util.List;

/**
 * A real gateway on an ephemeral port with route {@code chat} = tier 1 {@code first/m}, tier 2 {@code second/m},
 * both scripted in-process deployments: for tests of the gateway's own behaviour, without any network upstream.
 */
public final class TwoTierGateway implements AutoCloseable {

    /** Small on purpose, so a test can exceed it cheaply. */
    public static final int MAX_BODY_BYTES = 2048;

    private final ScriptedFactory factory = new ScriptedFactory();
    private final DetourServer server;
    private final Http http;

    public TwoTierGateway(Duration tierTimeout, Duration streamIdleLimit) {
        ModelConfig m = new ModelConfig("m", 8192, 1, 2, false);
        List<ProviderConfig> providers = List.of(
                new ProviderConfig("first", ProviderKind.OPENAI, null, "sk-secret-1", null, null, List.of(m)),
                new ProviderConfig("second", ProviderKind.ANTHROPIC, null, "sk-secret-2", null, null, List.of(m)));
        RouteConfig chat = new RouteConfig("chat", List.of(
                new TierConfig(List.of(new DeploymentId("first", "m")), tierTimeout),
                new TierConfig(List.of(new DeploymentId("second", "m")), tierTimeout)));
        DetourConfig config = new DetourConfig(new ServerConfig("127.0.0.1", 0, MAX_BODY_BYTES, TestDataDirs.fresh()), providers,
                List.of(chat));
        server = DetourServer.start(config, factory, streamIdleLimit);
        http = new Http(server.port());
    }

    public ScriptedFactory factory() {
        return factory;
    }

    public Http http() {
        return http;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        factory.releaseAll();
        server.close();
    }
}
