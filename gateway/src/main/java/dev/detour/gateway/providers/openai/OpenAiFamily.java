package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ParametersFactory;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.util.Optional;

/**
 * OpenAI, and every endpoint that speaks its chat completions (DeepSeek, Qwen DashScope compatible mode, Groq,
 * vLLM...): the base URL is the API root including its version, e.g. {@code https://api.openai.com/v1}.
 */
public final class OpenAiFamily implements ProviderFamily {

    private static final String OPENAI_URL = "https://api.openai.com/v1";

    private final ProviderKind kind;
    private final FamilySupport support;
    private final ParametersFactory parameters = new OpenAiParameters();
    private final WireProtocol wire = new OpenAiWireProtocol(false);
    private final ErrorDialect errors = new OpenAiErrorDialect();

    public OpenAiFamily(ProviderKind kind) {
        this.kind = kind;
        this.support = FamilySupport.everything(kind);
    }

    @Override
    public ProviderKind kind() {
        return kind;
    }

    @Override
    public FamilySupport support() {
        return support;
    }

    @Override
    public ParametersFactory parameters() {
        return parameters;
    }

    @Override
    public WireProtocol wire() {
        return wire;
    }

    @Override
    public ErrorDialect errors() {
        return errors;
    }

    @Override
    public String baseUrl(String configured) {
        if (configured == null) {
            if (kind == ProviderKind.OPENAI_COMPATIBLE) {
                throw new IllegalArgumentException("an openai-compatible provider needs a base URL");
            }
            return OPENAI_URL;
        }
        return BaseUrls.trimSlash(configured);
    }

    @Override
    public ChatModel chatModel(ModelSetup setup) {
        return OpenAiChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingModel(ModelSetup setup) {
        return OpenAiStreamingChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .build();
    }

    @Override
    public Optional<EmbeddingModel> embeddingModel(ModelSetup setup) {
        return Optional.of(OpenAiEmbeddingModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build());
    }
}
