package dev.detour.gateway.providers.langchain4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.gateway.wire.Usage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openAiCachedPromptTokensAreKeptAsPromptTokensDetails() throws Exception {
        Usage usage = UsageMapper.toOpenAi(new OpenAiTokenUsage.Builder().inputTokenCount(1200).outputTokenCount(30)
                .totalTokenCount(1230)
                .inputTokensDetails(new OpenAiTokenUsage.InputTokensDetails.Builder().cachedTokens(1024).build())
                .build());

        assertThat(usage.cachedTokens()).isEqualTo(1024);
        assertThat(JSON.writeValueAsString(usage)).isEqualTo(
                "{\"prompt_tokens\":1200,\"completion_tokens\":30,\"total_tokens\":1230,\"prompt_tokens_details\":{\"cached_tokens\":1024}}");
    }

    @Test
    void withoutCacheDetailsTheUsageIsWrittenAsBefore() throws Exception {
        Usage usage = UsageMapper.toOpenAi(new TokenUsage(10, 5));

        assertThat(usage.cachedTokens()).isZero();
        assertThat(JSON.writeValueAsString(usage)).isEqualTo("{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}");
    }
}
