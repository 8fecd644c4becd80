package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Optional;

/** One provider family's LangChain4j adapter: what it supports, how it speaks and fails, and how its models are built. */
public interface ProviderFamily {

    ProviderKind kind();

    FamilySupport support();

    ParametersFactory parameters();

    WireProtocol wire();

    ErrorDialect errors();

    /** The base URL LangChain4j expects, from the configured one (null means the vendor's public endpoint). */
    String baseUrl(String configured);

    ChatModel chatModel(ModelSetup setup);

    StreamingChatModel streamingModel(ModelSetup setup);

    /** The embedding model, or empty when the family has none. */
    Optional<EmbeddingModel> embeddingModel(ModelSetup setup);
}
