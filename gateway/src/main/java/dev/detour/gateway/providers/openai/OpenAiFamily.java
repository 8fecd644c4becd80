package dev.detour.gateway.providers.openai;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
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
public final class OpenAiFamily extends ProviderFamily {

    private static final String OPENAI_URL = "https://api.openai.com/v1";

    public OpenAiFamily(ProviderKind kind) {
        super(FamilySupport.everything(kind), new OpenAiParameters(), new OpenAiWireProtocol(false),
                new OpenAiErrorDialect());
    }

    @Override
    public String baseUrl(String configured) {
        if (configured == null) {
            if (kind() == ProviderKind.OPENAI_COMPATIBLE) {
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
