package dev.detour.gateway.providers;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.anthropic.AnthropicFamily;
import dev.detour.gateway.providers.gemini.GeminiFamily;
import dev.detour.gateway.providers.langchain4j.ChatRequestMapper;
import dev.detour.gateway.providers.langchain4j.LangChain4jChatDeployment;
import dev.detour.gateway.providers.langchain4j.LangChain4jEmbeddingDeployment;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.detour.gateway.providers.mistral.MistralFamily;
import dev.detour.gateway.providers.ollama.OllamaFamily;
import dev.detour.gateway.providers.openai.OpenAiFamily;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Builds the deployments of configured provider models. Each provider gets one JDK HTTP client shared by all its
 * deployments; each deployment builds its LangChain4j models once. Call at start-up (or config reload), not per
 * request; close at shutdown.
 */
public final class ProviderAdapters implements DeploymentFactory, AutoCloseable {

    private final Clock clock;
    private final ConcurrentMap<ProviderConfig, ProviderRuntime> runtimes = new ConcurrentHashMap<>();

    public ProviderAdapters() {
        this(Clock.systemUTC());
    }

    /** @param clock reads HTTP-date Retry-After headers */
    public ProviderAdapters(Clock clock) {
        this.clock = clock;
    }

    /** A chat deployment of {@code model} at {@code provider}. */
    public ChatDeployment chat(ProviderConfig provider, ModelConfig model) {
        ProviderRuntime runtime = runtime(provider);
        ProviderFamily family = runtime.family();
        ModelSetup setup = runtime.setup(model);
        return new LangChain4jChatDeployment(runtime.deploymentId(model), family.kind(),
                family.chatModel(setup), family.streamingModel(setup), runtime.client(),
                new ChatRequestMapper(family.support(), family.parameters(), model.name()), runtime.classifier());
    }

    /** An embedding deployment of {@code model} at {@code provider}, or empty when the family has no embeddings (Anthropic). */
    public Optional<EmbeddingDeployment> embedding(ProviderConfig provider, ModelConfig model) {
        ProviderRuntime runtime = runtime(provider);
        return runtime.family().embeddingModel(runtime.setup(model))
                .map(m -> new LangChain4jEmbeddingDeployment(runtime.deploymentId(model), runtime.family().kind(), m,
                        runtime.classifier()));
    }

    /** Closes every provider's HTTP client; deployments built here stop working. */
    @Override
    public void close() {
        runtimes.values().forEach(ProviderRuntime::close);
        runtimes.clear();
    }

    private ProviderRuntime runtime(ProviderConfig provider) {
        return runtimes.computeIfAbsent(provider, p -> new ProviderRuntime(p, family(p.kind()), clock));
    }

    static ProviderFamily family(ProviderKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("provider kind is required");
        }
        return switch (kind) {
            case OPENAI, OPENAI_COMPATIBLE -> new OpenAiFamily(kind);
            case ANTHROPIC -> new AnthropicFamily();
            case GEMINI -> new GeminiFamily();
            case MISTRAL -> new MistralFamily();
            case OLLAMA -> new OllamaFamily();
        };
    }
}
