package dev.detour.gateway.screening;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.tokens.TokenizerFamily;

import java.util.Set;

/**
 * What screening needs to know of one deployment: its family, tokenizer, context window and declared languages.
 * {@code kind} is null for a local model (run in process, not at a provider).
 */
public record DeploymentProfile(DeploymentId id, ProviderKind kind, TokenizerFamily tokenizer, int contextWindow,
                                Set<String> languages) {

    public DeploymentProfile {
        languages = Set.copyOf(languages);
    }

    /** Whether an output limit goes upstream as {@code max_completion_tokens} (OpenAI itself) or {@code max_tokens}. */
    public boolean limitsAsCompletionTokens() {
        return kind == ProviderKind.OPENAI;
    }
}
