package dev.detour.gateway.providers;

/** The provider families Detour speaks to, each through its LangChain4j adapter. */
public enum ProviderKind {
    OPENAI("openai"),
    /** Any endpoint that speaks OpenAI chat completions at a base URL: DeepSeek, Qwen (DashScope), Groq, vLLM... */
    OPENAI_COMPATIBLE("openai-compatible"),
    ANTHROPIC("anthropic"),
    GEMINI("gemini"),
    MISTRAL("mistral"),
    OLLAMA("ollama");

    private final String configName;

    ProviderKind(String configName) {
        this.configName = configName;
    }

    /** The name used in detour.yaml ({@code kind: anthropic}). */
    public String configName() {
        return configName;
    }

    public static ProviderKind fromConfigName(String name) {
        for (ProviderKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
