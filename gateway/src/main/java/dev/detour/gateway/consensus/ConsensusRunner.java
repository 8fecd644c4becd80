package dev.detour.gateway.consensus;

import dev.detour.gateway.config.ConsensusConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Answer;
import dev.detour.gateway.routing.FailoverExecutor;
import dev.detour.gateway.routing.Route;
import dev.detour.gateway.routing.RoutingException;
import dev.detour.gateway.routing.Tier;
import dev.detour.gateway.wire.ChatCompletionResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Consensus mode: asks the route's first two candidates at once, each within its tier's timeout, and accepts an
 * answer only when two answers agree; otherwise asks the next candidate, one at a time, until a pair agrees or
 * {@code maxCalls} candidates have been asked. Each call is a plain one-deployment call through the executor, so
 * timeouts and failure classification are the same as for any request.
 */
public final class ConsensusRunner {

    private final FailoverExecutor executor;
    private final AnswerComparer comparer;

    public ConsensusRunner(FailoverExecutor executor, AnswerComparer comparer) {
        this.executor = executor;
        this.comparer = comparer;
    }

    public ConsensusOutcome run(Route route, ConsensusConfig config,
                                Function<DeploymentId, ChatCompletionResponse> attempt) {
        List<Route> candidates = new ArrayList<>();
        for (Tier tier : route.tiers()) {
            for (DeploymentId id : tier.deployments()) {
                candidates.add(new Route(route.name(), List.of(new Tier(List.of(id), tier.timeout()))));
            }
        }
        List<ConsensusCall> calls = new ArrayList<>();
        int next = Math.min(2, candidates.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ConsensusCall>> firstTwo = candidates.subList(0, next).stream()
                    .map(single -> CompletableFuture.supplyAsync(() -> call(single, attempt), threads)).toList();
            firstTwo.forEach(future -> calls.add(future.join()));
        }
        ConsensusOutcome.Agreement agreement = agreement(calls, config);
        while (agreement == null && next < candidates.size() && calls.size() < config.maxCalls()) {
            calls.add(call(candidates.get(next++), attempt));
            agreement = agreement(calls, config);
        }
        return new ConsensusOutcome(calls, agreement, comparer.name());
    }

    private ConsensusCall call(Route single, Function<DeploymentId, ChatCompletionResponse> attempt) {
        DeploymentId id = single.tiers().getFirst().deployments().getFirst();
        try {
            Answer<ChatCompletionResponse> answer = executor.call(single, attempt);
            return new ConsensusCall(id, answer, null);
        } catch (RoutingException e) {
            return new ConsensusCall(id, null, e);
        }
    }

    /** The first pair of answers (in the order asked) alike enough, the newest call paired with each earlier one. */
    private ConsensusOutcome.Agreement agreement(List<ConsensusCall> calls, ConsensusConfig config) {
        for (int j = 1; j < calls.size(); j++) {
            for (int i = 0; i < j; i++) {
                ConsensusCall a = calls.get(i);
                ConsensusCall b = calls.get(j);
                if (a.answered() && b.answered()) {
                    double similarity = comparer.similarity(a.text(), b.text());
                    if (similarity >= config.minSimilarity()) {
                        return new ConsensusOutcome.Agreement(a, b, similarity);
                    }
                }
            }
        }
        return null;
    }
}
