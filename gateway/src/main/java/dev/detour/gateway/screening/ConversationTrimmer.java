package dev.detour.gateway.screening;

import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenizerFamily;
import dev.detour.gateway.wire.ChatMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the oldest turns of a conversation until it fits a token budget. System (and developer) messages are always
 * kept, and so is the last turn (the last user message and everything after it); a turn is a user message and the
 * messages that follow it up to the next user message, so an assistant's tool call never loses its tool result.
 */
final class ConversationTrimmer {

    private ConversationTrimmer() {
    }

    /**
     * The messages that fit {@code budget} tokens counted as {@code family} counts them, or null when even the
     * system messages and the last turn do not fit.
     */
    static List<ChatMessage> trim(List<ChatMessage> messages, PromptTokens tokens, TokenizerFamily family, int budget) {
        int lastUser = -1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                lastUser = i;
                break;
            }
        }
        if (lastUser <= 0) {
            return null; // nothing older than the last turn to drop
        }
        int[] cost = new int[messages.size()];
        int total = tokens.fixedEstimate(family);
        for (int i = 0; i < messages.size(); i++) {
            cost[i] = tokens.estimate(family, messages.get(i));
            total += cost[i];
        }
        boolean[] dropped = new boolean[messages.size()];
        int i = 0;
        while (total > budget && i < lastUser) {
            // Drop one whole turn: from here up to the next user message (system messages stay).
            int end = i + 1;
            while (end < lastUser && !"user".equals(messages.get(end).role())) {
                end++;
            }
            for (int j = i; j < end; j++) {
                if (!isSystem(messages.get(j))) {
                    dropped[j] = true;
                    total -= cost[j];
                }
            }
            i = end;
        }
        if (total > budget) {
            return null;
        }
        List<ChatMessage> kept = new ArrayList<>();
        for (int j = 0; j < messages.size(); j++) {
            if (!dropped[j]) {
                kept.add(messages.get(j));
            }
        }
        return kept;
    }

    private static boolean isSystem(ChatMessage message) {
        return "system".equals(message.role()) || "developer".equals(message.role());
    }
}
