package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.ErrorDialect;
import dev.detour.gateway.providers.http.WireProtocol;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.Optional;

/**
 * One provider family's LangChain4j adapter: what it supports, how it speaks and fails, and how its models are built.
 * A family hands its parts to this constructor once; it implements only what differs between vendors, its base URL
 * rule and its model builders (LangChain4j's builders share no type, so those cannot be shared here).
 */
public abstract class ProviderFamily {

    private final FamilySupport support;
    private final ParametersFactory parameters;
    private final WireProtocol wire;
    private final ErrorDialect errors;

    protected ProviderFamily(FamilySupport support, ParametersFactory parameters, WireProtocol wire,
            ErrorDialect errors) {
        this.support = support;
        this.parameters = parameters;
        this.wire = wire;
        this.errors = errors;
    }

    /** The kind this family serves: the one its support matrix names, so the two cannot disagree. */
    public final ProviderKind kind() {
        return support.kind();
    }

    public final FamilySupport support() {
        return support;
    }

    public final ParametersFactory parameters() {
        return parameters;
    }

    public final WireProtocol wire() {
        return wire;
    }

    public final ErrorDialect errors() {
        return errors;
    }

    /** The base URL LangChain4j expects, from the configured one (null means the vendor's public endpoint). */
    public abstract String baseUrl(String configured);

    public abstract ChatModel chatModel(ModelSetup setup);

    public abstract StreamingChatModel streamingModel(ModelSetup setup);

    /** The embedding model, or empty when the family has none. */
    public abstract Optional<EmbeddingModel> embeddingModel(ModelSetup setup);
}
