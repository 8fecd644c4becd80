package dev.detour.gateway.screening;

import dev.detour.gateway.tokens.PromptTokens;

/**
 * Whether a request fits one candidate's context window, and with which output limit. A client's own
 * {@code max_tokens} is a promise of room: a window that cannot hold the prompt plus that many tokens is skipped
 * (the provider would refuse it), never cut down. A client that set no limit expects "as long as needed": the limit
 * stays unset while the window has at least {@link #UNSET_LIMIT_ROOM} tokens of room, and is set to the room that is
 * left otherwise, so that no provider is asked for more than its window holds (Anthropic always sends a limit, 4096).
 */
final class ContextFit {

    /** The least room for an answer that makes a window worth trying when the client set no limit. */
    static final int MIN_ANSWER_TOKENS = 16;
    /** With at least this much room the client's unset limit stays unset (Anthropic's default limit in Detour). */
    static final int UNSET_LIMIT_ROOM = 4096;
    /** The prompt tokens of a plan whose prompt fitted on its upper bound and was never counted. */
    static final int NOT_COUNTED = -1;

    private ContextFit() {
    }

    /**
     * The plan for {@code profile}, or null when the request does not fit its window. Unless {@code exact} is asked
     * for (a cost estimate needs it), a prompt whose {@link PromptTokens#upperBound() upper bound} already fits with
     * room to spare is not tokenized: its plan says {@link #NOT_COUNTED}.
     */
    static Fit check(DeploymentProfile profile, PromptTokens prompt, Integer clientLimit, boolean exact) {
        if (!exact) {
            int roomAtLeast = profile.contextWindow() - prompt.upperBound();
            if (clientLimit != null ? roomAtLeast >= clientLimit : roomAtLeast >= UNSET_LIMIT_ROOM) {
                return new Fit(NOT_COUNTED, null, clientLimit != null ? clientLimit : roomAtLeast);
            }
        }
        int promptTokens = prompt.estimate(profile.tokenizer());
        int room = profile.contextWindow() - promptTokens;
        if (clientLimit != null) {
            return room >= clientLimit ? new Fit(promptTokens, null, clientLimit) : null;
        }
        if (room < MIN_ANSWER_TOKENS) {
            return null;
        }
        return new Fit(promptTokens, room < UNSET_LIMIT_ROOM ? room : null, room);
    }

    /**
     * The prompt's estimated tokens there ({@link #NOT_COUNTED} when not needed), the output limit to send (null:
     * unchanged), and the answer's most tokens (at least; exact when the prompt was counted).
     */
    record Fit(int promptTokens, Integer adjustedLimit, int outputAtMost) {
    }
}
