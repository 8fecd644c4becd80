package dev.detour.gateway.providers.gemini;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;

import java.util.Optional;

import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_DATA;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_OBJECT;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.PENALTIES;
import static dev.detour.gateway.providers.langchain4j.Capability.STRICT_JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_NONE;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_REQUIRED;

/**
 * Google's Gemini API (generativelanguage). LangChain4j takes seed and allowed function names per model only,
 * so per-request seed and named tool_choice are refused; images must be inline (data: URLs). Thoughts are not
 * returned: OpenAI answers have no place for them.
 */
public final class GeminiFamily extends ProviderFamily {

    private static final String GEMINI_URL = "https://generativelanguage.googleapis.com/v1beta";

    private static final FamilySupport SUPPORT = FamilySupport.of(ProviderKind.GEMINI,
            PENALTIES,
            TOOL_CHOICE_NONE, TOOL_CHOICE_REQUIRED,
            JSON_OBJECT, JSON_SCHEMA, STRICT_JSON_SCHEMA,
            IMAGE_DATA);

    public GeminiFamily() {
        super(SUPPORT, new GeminiParameters(), new GeminiWireProtocol(), new GeminiErrorDialect());
    }

    @Override
    public String baseUrl(String configured) {
        return configured == null ? GEMINI_URL : BaseUrls.withVersion(configured, "v1beta");
    }

    @Override
    public ChatModel chatModel(ModelSetup setup) {
        return GoogleAiGeminiChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(setup.provider().headers())
                .returnThinking(false)
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingModel(ModelSetup setup) {
        return GoogleAiGeminiStreamingChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .customHeaders(setup.provider().headers())
                .returnThinking(false)
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .build();
    }

    @Override
    public Optional<EmbeddingModel> embeddingModel(ModelSetup setup) {
        return Optional.of(GoogleAiEmbeddingModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build());
    }
}
