package dev.detour.sim;

import java.util.List;

/**
 * The deterministic answer to a {@link ChatCall}: text (or a tool call), why it finished, its stream pieces
 * (text pieces, or argument fragments for a tool call) and token usage.
 */
record Answer(String text, ToolCallAnswer toolCall, Finish finish, String stopSequence, List<String> pieces,
              int inputTokens, int outputTokens) {

    static Answer refusal(ChatCall call) {
        return new Answer("", null, Finish.REFUSAL, null, List.of(), call.promptTokens(), 0);
    }
}
