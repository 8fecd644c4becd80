package dev.detour.gateway.providers.mistral;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.ChatSettings;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.detour.gateway.providers.openai.OpenAiWireProtocol;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.mistralai.MistralAiChatModel;
import dev.langchain4j.model.mistralai.MistralAiEmbeddingModel;
import dev.langchain4j.model.mistralai.MistralAiStreamingChatModel;

import java.util.Optional;

import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_DATA;
import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_URLS;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_OBJECT;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.PENALTIES;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_NONE;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_REQUIRED;

/**
 * Mistral's chat API (OpenAI-shaped wire). LangChain4j has no Mistral parameters subclass and takes the seed per
 * model only, so per-request seed, user and named tool_choice are refused; its streaming adapter completes only on
 * {@code [DONE]}, which the wire protocol makes up when a finish_reason came without it.
 */
public final class MistralFamily extends ProviderFamily {

    private static final String MISTRAL_URL = "https://api.mistral.ai/v1";

    private static final FamilySupport SUPPORT = FamilySupport.of(ProviderKind.MISTRAL,
            PENALTIES,
            TOOL_CHOICE_NONE, TOOL_CHOICE_REQUIRED,
            JSON_OBJECT, JSON_SCHEMA,
            IMAGE_URLS, IMAGE_DATA);

    public MistralFamily() {
        super(SUPPORT, MistralFamily::parameters, new OpenAiWireProtocol(true), new MistralErrorDialect());
    }

    @Override
    public String baseUrl(String configured) {
        return configured == null ? MISTRAL_URL : BaseUrls.withVersion(configured, "v1");
    }

    @Override
    public ChatModel chatModel(ModelSetup setup) {
        return MistralAiChatModel.builder()
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
        return MistralAiStreamingChatModel.builder()
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
        return Optional.of(MistralAiEmbeddingModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(() -> setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build());
    }

    private static ChatRequestParameters parameters(ChatSettings s) {
        return DefaultChatRequestParameters.builder()
                .modelName(s.modelName())
                .temperature(s.temperature())
                .topP(s.topP())
                .maxOutputTokens(s.maxOutputTokens())
                .stopSequences(s.stop())
                .presencePenalty(s.presencePenalty())
                .frequencyPenalty(s.frequencyPenalty())
                .toolSpecifications(s.tools())
                .toolChoice(s.toolChoice())
                .responseFormat(s.responseFormat())
                .build();
    }
}
