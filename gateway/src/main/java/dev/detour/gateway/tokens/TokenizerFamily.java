package dev.detour.gateway.tokens;

import dev.detour.gateway.providers.ProviderKind;

import java.util.List;
import java.util.Locale;

/**
 * Which encoding counts a deployment's prompt tokens. OpenAI models are counted exactly with their own encoding
 * (o200k_base for the GPT-4o generation and later, cl100k_base for GPT-4 and GPT-3.5). Every other tokenizer is
 * unknown to Detour: it is counted with cl100k_base and given a {@link #APPROXIMATE_MARGIN 20 %} safety margin,
 * because the same text can be ~20 % more tokens on another tokenizer (a 4,000-token OpenAI prompt can be 4,800).
 */
public enum TokenizerFamily {
    O200K(1.0),
    CL100K(1.0),
    APPROXIMATE(TokenizerFamily.APPROXIMATE_MARGIN);

    /** The factor applied to a cl100k count for a tokenizer Detour does not know. */
    public static final double APPROXIMATE_MARGIN = 1.2;

    private static final List<String> O200K_PREFIXES = List.of("gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5",
            "gpt-5", "gpt-oss", "o1", "o3", "o4");
    private static final List<String> CL100K_PREFIXES = List.of("gpt-4", "gpt-3.5", "text-embedding");

    private final double margin;

    TokenizerFamily(double margin) {
        this.margin = margin;
    }

    /** The factor an exact count with this family's encoding is multiplied by to be safe. */
    public double margin() {
        return margin;
    }

    /** The family of a model at a provider of {@code kind}. */
    public static TokenizerFamily of(ProviderKind kind, String model) {
        if (kind != ProviderKind.OPENAI && kind != ProviderKind.OPENAI_COMPATIBLE) {
            return APPROXIMATE;
        }
        // A compatible endpoint may serve OpenAI's open models under a prefixed name (groq: openai/gpt-oss-120b).
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String prefix : O200K_PREFIXES) {
            if (name.startsWith(prefix)) {
                return O200K;
            }
        }
        for (String prefix : CL100K_PREFIXES) {
            if (name.startsWith(prefix)) {
                return CL100K;
            }
        }
        // New OpenAI models use o200k; anything else at a compatible endpoint (DeepSeek, Qwen, Llama) is unknown.
        return kind == ProviderKind.OPENAI ? O200K : APPROXIMATE;
    }
}
