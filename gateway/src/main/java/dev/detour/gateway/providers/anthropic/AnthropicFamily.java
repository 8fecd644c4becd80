package dev.detour.gateway.providers.anthropic;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.langchain4j.BaseUrls;
import dev.detour.gateway.providers.langchain4j.FamilySupport;
import dev.detour.gateway.providers.langchain4j.ModelSetup;
import dev.detour.gateway.providers.langchain4j.ProviderFamily;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Optional;

import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_DATA;
import static dev.detour.gateway.providers.langchain4j.Capability.IMAGE_URLS;
import static dev.detour.gateway.providers.langchain4j.Capability.JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.NAMED_TOOL_CHOICE;
import static dev.detour.gateway.providers.langchain4j.Capability.PARALLEL_TOOL_CALLS_OFF;
import static dev.detour.gateway.providers.langchain4j.Capability.STRICT_JSON_SCHEMA;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_NONE;
import static dev.detour.gateway.providers.langchain4j.Capability.TOOL_CHOICE_REQUIRED;
import static dev.detour.gateway.providers.langchain4j.Capability.USER;

/**
 * Anthropic's Messages API. It has no seed, penalties, json_object mode or embeddings. Anthropic requires
 * max_tokens: when the client sets no limit, {@link #DEFAULT_MAX_TOKENS} is sent (LangChain4j's own default, 1024,
 * would cut ordinary answers short).
 */
public final class AnthropicFamily extends ProviderFamily {

    public static final int DEFAULT_MAX_TOKENS = 4096;
    private static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";

    private static final FamilySupport SUPPORT = FamilySupport.of(ProviderKind.ANTHROPIC,
            USER,
            TOOL_CHOICE_NONE, TOOL_CHOICE_REQUIRED, NAMED_TOOL_CHOICE, PARALLEL_TOOL_CALLS_OFF,
            JSON_SCHEMA, STRICT_JSON_SCHEMA,
            IMAGE_URLS, IMAGE_DATA);

    public AnthropicFamily() {
        super(SUPPORT, new AnthropicParameters(), new AnthropicWireProtocol(), new AnthropicErrorDialect());
    }

    /** The API root with its version and a trailing slash, as LangChain4j joins "messages" to it. */
    @Override
    public String baseUrl(String configured) {
        return configured == null ? ANTHROPIC_URL : BaseUrls.withVersion(configured, "v1") + "/";
    }

    @Override
    public ChatModel chatModel(ModelSetup setup) {
        return AnthropicChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .maxTokens(DEFAULT_MAX_TOKENS)
                .customHeaders(setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .maxRetries(0)
                .build();
    }

    @Override
    public StreamingChatModel streamingModel(ModelSetup setup) {
        return AnthropicStreamingChatModel.builder()
                .httpClientBuilder(setup.http())
                .baseUrl(setup.baseUrl())
                .apiKey(setup.apiKey())
                .modelName(setup.model().name())
                .maxTokens(DEFAULT_MAX_TOKENS)
                .customHeaders(setup.provider().headers())
                .timeout(ModelSetup.LANGCHAIN4J_TIMEOUT)
                .build();
    }

    @Override
    public Optional<EmbeddingModel> embeddingModel(ModelSetup setup) {
        return Optional.empty();
    }
}
