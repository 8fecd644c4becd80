package dev.detour.gateway.consensus;

import java.util.List;

/**
 * The result of a consensus: every call made (each answered call is billed), and when two answers agreed, which two
 * and how alike they were ({@code agreed} is null when none did), and which comparison ({@link AnswerComparer#name()})
 * decided.
 */
public record ConsensusOutcome(List<ConsensusCall> calls, Agreement agreed, String comparison) {

    public ConsensusOutcome {
        calls = List.copyOf(calls);
    }

    /** Two calls whose answers were at least the route's similarity apart; {@code first}'s answer is returned. */
    public record Agreement(ConsensusCall first, ConsensusCall second, double similarity) {
    }
}
