package dev.detour.gateway.consensus;

import dev.detour.cache.embed.Embedder;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.ConsensusConfig;
import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.RouteConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.wire.ChatCompletionResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Which routes answer by consensus, and running one. */
public final class ConsensusMode {

    private final Map<String, ConsensusConfig> byRoute;
    private final ConsensusRunner runner;

    public ConsensusMode(Map<String, ConsensusConfig> byRoute, FailoverExecutor executor, AnswerComparer comparer) {
        this.byRoute = Map.copyOf(byRoute);
        this.runner = new ConsensusRunner(executor, comparer);
    }

    /**
     * Consensus routes compare answers by meaning with {@code embedder} (the semantic cache's, present when the cache
     * is on), by their words otherwise.
     */
    public static ConsensusMode from(DetourConfig config, FailoverExecutor executor, Optional<Embedder> embedder) {
        AnswerComparer comparer = embedder.<AnswerComparer>map(MeaningComparer::new).orElseGet(LexicalComparer::new);
        Map<String, ConsensusConfig> map = new HashMap<>();
        for (RouteConfig route : config.routes()) {
            if (route.consensus() != null) {
                map.putIfAbsent(route.name(), route.consensus());
            }
        }
        return new ConsensusMode(map, executor, comparer);
    }

    public boolean isOn(String route) {
        return byRoute.containsKey(route);
    }

    /**
     * A consensus needs two whole answers before the first byte can be sent, so a consensus route does not stream:
     * the client is told so rather than given an answer that was not checked.
     */
    public void refuseStreaming(String route, boolean stream) {
        if (stream && isOn(route)) {
            throw ApiException.badRequest("unsupported_parameter", "stream",
                    "route '" + route + "' answers by consensus of two providers and cannot stream; send stream: false");
        }
    }

    public ConsensusOutcome run(Route screened, Function<DeploymentId, ChatCompletionResponse> attempt) {
        ConsensusConfig config = byRoute.get(screened.name());
        long candidates = screened.tiers().stream().mapToLong(t -> t.deployments().size()).sum();
        if (candidates < 2) {
            throw new ApiException(503, "server_error", "consensus_unavailable", null, "route '" + screened.name()
                    + "' answers by consensus but only " + candidates + " of its models can take this request");
        }
        return runner.run(screened, config, attempt);
    }
}
