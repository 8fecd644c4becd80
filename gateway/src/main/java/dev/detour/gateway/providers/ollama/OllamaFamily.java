package dev.detour.gateway.providers.ollama;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.ChatSettings;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_DATA;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_OBJECT;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.SEED;
import static dev.detour.gateway.providers.langchain4j.Capability.STRICT_JSON_SCHEMA;

/**
 * Ollama's native API ({@code /api/chat}, {@code /api/embed}); the base URL is the server root. Ollama has no
 * tool_choice (only "auto", and "none" by not offering tools) and no penalties. Images must be data: URLs:
 * LangChain4j would otherwise download http(s) URLs (and read file: URLs) from the gateway itself.
 */
public final class OllamaFamily extends ProviderFamily {

    private static final String OLLAMA_URL = "http://localhost:11434";

    private static final FamilySupport SUPPORT = FamilySupport.of(ProviderKind.OLLAMA,
            SEED,
            JSON_OBJECT, JSON_SCHEMA, STRICT_JSON_SCHEMA,
            IMAGE_DATA);

    public OllamaFamily() {
        super(SUPPORT, OllamaFamily::parameters, new OllamaWireProtocol(), new OllamaErrorDialect());
    }

    @Override
    public String baseUrl(String configured) {
        return configured == null ? OLLAMA_URL : BaseUrls.trimSlash(configured);
    }

    @Override
    public ChatModel chatModel(ModelSetup setup) {
        return OllamaChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .modelName(setup.model().name())
                .customHeaders(headers(setup))
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingModel(ModelSetup setup) {
        return OllamaStreamingChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .modelName(setup.model().name())
                .customHeaders(headers(setup))
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .build();
    }

    @Override
    public Optional<EmbeddingModel> embeddingModel(ModelSetup setup) {
        return Optional.of(OllamaEmbeddingModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .modelName(setup.model().name())
                .customHeaders(headers(setup))
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build());
    }

    /** Configured headers, plus a bearer token when a key is set (Ollama behind an authenticating proxy). */
    private static Map<String, String> headers(ModelSetup setup) {
        Map<String, String> headers = new HashMap<>(setup.provider().headers());
        if (setup.apiKey() != null && !setup.apiKey().isBlank()) {
            headers.putIfAbsent("Authorization", "Bearer " + setup.apiKey());
        }
        return Map.copyOf(headers);
    }

    private static dev.langchain4j.model.chat.request.ChatRequestParameters parameters(ChatSettings s) {
        return OllamaChatRequestParameters.builder()
                .modelName(s.modelName())
                .temperature(s.temperature())
                .topP(s.topP())
                .maxOutputTokens(s.maxOutputTokens())
                .stopSequences(s.stop())
                .seed(s.seed())
                .toolSpecifications(s.tools())
                .toolChoice(s.toolChoice())
                .responseFormat(s.responseFormat())
                .build();
    }
}
