package dev.detour.gateway.screening;

import dev.detour.gateway.tokens.PromptTokens;
import dev.detour.gateway.tokens.TokenCounter;
import dev.detour.gateway.tokens.TokenizerFamily;
import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import dev.detour.gateway.wire.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTrimmerTest {

    private static final ChatMessage SYSTEM = ChatMessage.system("You are terse.");
    private static final ChatMessage OLD_QUESTION = ChatMessage.user("the cat sat on a mat and the dog ran home");
    private static final ChatMessage OLD_ANSWER = ChatMessage.assistant("the dog ran home and the cat sat on a mat", null);
    private static final ChatMessage QUESTION = ChatMessage.user("and then");

    @Test
    void dropsTheOldestTurnsAndKeepsTheSystemPromptAndTheLastTurn() {
        List<ChatMessage> messages = List.of(SYSTEM, OLD_QUESTION, OLD_ANSWER, OLD_QUESTION, OLD_ANSWER, QUESTION);
        PromptTokens tokens = tokens(messages);
        int all = tokens.estimate(TokenizerFamily.O200K);
        int oneTurn = tokens.estimate(TokenizerFamily.O200K, OLD_QUESTION) + tokens.estimate(TokenizerFamily.O200K, OLD_ANSWER);

        List<ChatMessage> kept = ConversationTrimmer.trim(messages, tokens, TokenizerFamily.O200K, all - 1);

        assertThat(kept).containsExactly(SYSTEM, OLD_QUESTION, OLD_ANSWER, QUESTION);
        assertThat(ConversationTrimmer.trim(messages, tokens, TokenizerFamily.O200K, all - oneTurn - 1))
                .containsExactly(SYSTEM, QUESTION);
    }

    @Test
    void givesUpWhenEvenTheSystemPromptAndTheLastTurnDoNotFit() {
        List<ChatMessage> messages = List.of(SYSTEM, OLD_QUESTION, OLD_ANSWER, QUESTION);

        assertThat(ConversationTrimmer.trim(messages, tokens(messages), TokenizerFamily.O200K, 5)).isNull();
    }

    @Test
    void aConversationOfOneTurnCannotBeTrimmed() {
        List<ChatMessage> messages = List.of(SYSTEM, QUESTION);

        assertThat(ConversationTrimmer.trim(messages, tokens(messages), TokenizerFamily.O200K, 1)).isNull();
    }

    @Test
    void aToolCallIsNeverSeparatedFromItsResult() {
        ChatMessage call = ChatMessage.assistant(null, List.of(ToolCall.of("c1", "get_weather", "{\"city\":\"Paris\"}")));
        ChatMessage result = new ChatMessage("tool", dev.detour.gateway.wire.MessageContent.ofText("sunny"), null, null, "c1", null);
        ChatMessage summary = ChatMessage.assistant("It is sunny in Paris.", null);
        List<ChatMessage> messages = List.of(OLD_QUESTION, call, result, summary, QUESTION);
        PromptTokens tokens = tokens(messages);

        List<ChatMessage> kept = ConversationTrimmer.trim(messages, tokens, TokenizerFamily.O200K,
                tokens.estimate(TokenizerFamily.O200K) - 1);

        assertThat(kept).containsExactly(QUESTION);
    }

    private static PromptTokens tokens(List<ChatMessage> messages) {
        return new PromptTokens(TokenCounter.shared(), new ChatCompletionRequest("chat", messages, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null));
    }
}
