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

    private ContextFit() {
    }

    /** The plan for {@code profile}, or null when the request does not fit its window. */
    static Fit check(DeploymentProfile profile, PromptTokens prompt, Integer clientLimit) {
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

    /** The prompt's estimated tokens there, the output limit to send (null: unchanged), and the answer's most tokens. */
    record Fit(int promptTokens, Integer adjustedLimit, int outputAtMost) {
    }
}
