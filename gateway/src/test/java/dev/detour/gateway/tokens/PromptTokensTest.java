package dev.detour.gateway.tokens;

import dev.detour.gateway.wire.ChatCompletionRequest;
import dev.detour.gateway.wire.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTokensTest {

    private final TokenCounter counter = TokenCounter.shared();

    @Test
    void aMessageCostsItsRoleAndContentPlusFramingAndTheReplyIsPrimed() {
        // "the cat sat on a mat" is 6 tokens in o200k; "user" 1; 3 of framing per message; 3 to prime the reply.
        PromptTokens tokens = new PromptTokens(counter, request(List.of(ChatMessage.user("the cat sat on a mat"))));

        assertThat(tokens.estimate(TokenizerFamily.O200K)).isEqualTo(6 + 1 + 3 + 3);
    }

    @Test
    void anUnknownTokenizerIsCountedWithCl100kAndTwentyPercentMore() {
        PromptTokens tokens = new PromptTokens(counter, request(List.of(ChatMessage.user("the cat sat on a mat"))));

        int cl100k = tokens.estimate(TokenizerFamily.CL100K);
        assertThat(tokens.estimate(TokenizerFamily.APPROXIMATE)).isEqualTo((int) Math.ceil(cl100k * 1.2));
    }

    @Test
    void chineseTextCostsMoreInCl100kThanInO200k() {
        PromptTokens tokens = new PromptTokens(counter, request(List.of(ChatMessage.user("你好，请用中文回答这个问题。"))));

        assertThat(tokens.estimate(TokenizerFamily.CL100K)).isGreaterThan(tokens.estimate(TokenizerFamily.O200K));
    }

    @Test
    void specialTokenTextInAPromptIsCountedAsText() {
        PromptTokens tokens = new PromptTokens(counter, request(List.of(ChatMessage.user("<|endoftext|>"))));

        assertThat(tokens.estimate(TokenizerFamily.O200K)).isGreaterThan(1 + 1 + 3 + 3);
    }

    @Test
    void perMessageEstimatesAddUpToTheWhole() {
        List<ChatMessage> messages = List.of(ChatMessage.system("You are terse."), ChatMessage.user("the cat sat"),
                ChatMessage.assistant("on a mat", null), ChatMessage.user("and the dog ran home"));
        PromptTokens tokens = new PromptTokens(counter, request(messages));

        int sum = tokens.fixedEstimate(TokenizerFamily.O200K);
        for (ChatMessage message : messages) {
            sum += tokens.estimate(TokenizerFamily.O200K, message);
        }
        assertThat(sum).isEqualTo(tokens.estimate(TokenizerFamily.O200K));
    }

    @Test
    void theUpperBoundIsNeverBelowAnyFamilysEstimate() {
        for (String text : List.of("the cat sat on a mat", "你好，请用中文回答这个问题。", "🙂🙃 emoji 🚀🚀", "a", "",
                "x".repeat(5000), "ÄÖÜ ß ç é ñ", "<|endoftext|> {\"json\": [1, 2, 3]}")) {
            PromptTokens tokens = new PromptTokens(counter, request(List.of(ChatMessage.system("sys"), ChatMessage.user(text))));
            for (TokenizerFamily family : TokenizerFamily.values()) {
                assertThat(tokens.upperBound()).as(text + " / " + family).isGreaterThanOrEqualTo(tokens.estimate(family));
            }
        }
    }

    static ChatCompletionRequest request(List<ChatMessage> messages) {
        return new ChatCompletionRequest("chat", messages, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }
}
