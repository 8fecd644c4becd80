package dev.detour.gateway.api;

import dev.detour.gateway.consensus.ConsensusCall;
import dev.detour.gateway.consensus.ConsensusOutcome;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.stream.Collectors;

/** Says on a consensus answer whether two providers agreed, which, and how alike their answers were. */
final class ConsensusHeaders {

    /** {@code agreed} or {@code disagreed}. */
    static final String CONSENSUS = "x-detour-consensus";
    /** The two deployments whose answers agreed (the first one's answer is returned), or every one asked. */
    static final String PROVIDERS = "x-detour-consensus-providers";
    /** Their answers' similarity, 0 to 1. */
    static final String SIMILARITY = "x-detour-consensus-similarity";
    /** How the answers were compared: {@code meaning} (embeddings and the false-hit guard) or {@code lexical} (words). */
    static final String COMPARISON = "x-detour-consensus-comparison";

    private ConsensusHeaders() {
    }

    static void write(Context ctx, ConsensusOutcome outcome) {
        ConsensusOutcome.Agreement agreed = outcome.agreed();
        ctx.header(COMPARISON, outcome.comparison());
        if (agreed == null) {
            ctx.header(CONSENSUS, "disagreed");
            ctx.header(PROVIDERS, outcome.calls().stream().map(c -> c.deployment().toString())
                    .collect(Collectors.joining(", ")));
            return;
        }
        ctx.header(CONSENSUS, "agreed");
        ctx.header(PROVIDERS, agreed.first().deployment() + ", " + agreed.second().deployment());
        ctx.header(SIMILARITY, String.format(Locale.ROOT, "%.3f", agreed.similarity()));
        ctx.header(DetourHeaders.PROVIDER, agreed.first().deployment().toString());
    }

    /** Why no answer was accepted, for the error message. */
    static String disagreement(ConsensusOutcome outcome) {
        return "compared by " + outcome.comparison() + ": "
                + outcome.calls().stream().map(ConsensusHeaders::describe).collect(Collectors.joining("; "));
    }

    private static String describe(ConsensusCall call) {
        return call.answered() ? call.deployment() + " answered" : call.deployment() + " failed ("
                + (call.failure().decisive() == null ? "no answer" : call.failure().decisive().failureClass().name().toLowerCase(Locale.ROOT)) + ")";
    }
}
