package dev.detour.gateway.tokens;

import dev.detour.gateway.providers.ProviderKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerFamilyTest {

    @Test
    void openAiModelsAreCountedExactlyWithTheirOwnEncoding() {
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI, "gpt-4o-mini")).isEqualTo(TokenizerFamily.O200K);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI, "gpt-4.1")).isEqualTo(TokenizerFamily.O200K);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI, "o3-mini")).isEqualTo(TokenizerFamily.O200K);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI, "gpt-4-turbo")).isEqualTo(TokenizerFamily.CL100K);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI, "gpt-3.5-turbo")).isEqualTo(TokenizerFamily.CL100K);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI_COMPATIBLE, "openai/gpt-oss-120b")).isEqualTo(TokenizerFamily.O200K);
    }

    @Test
    void everyOtherTokenizerGetsASafetyMargin() {
        assertThat(TokenizerFamily.of(ProviderKind.ANTHROPIC, "claude-haiku-4-5")).isEqualTo(TokenizerFamily.APPROXIMATE);
        assertThat(TokenizerFamily.of(ProviderKind.GEMINI, "gemini-2.5-flash")).isEqualTo(TokenizerFamily.APPROXIMATE);
        assertThat(TokenizerFamily.of(ProviderKind.OLLAMA, "llama3.2")).isEqualTo(TokenizerFamily.APPROXIMATE);
        assertThat(TokenizerFamily.of(ProviderKind.OPENAI_COMPATIBLE, "deepseek-chat")).isEqualTo(TokenizerFamily.APPROXIMATE);
        assertThat(TokenizerFamily.APPROXIMATE.margin()).isEqualTo(1.2);
        assertThat(TokenizerFamily.O200K.margin()).isEqualTo(1.0);
    }
}
