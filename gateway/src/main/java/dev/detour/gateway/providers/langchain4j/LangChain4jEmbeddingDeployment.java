package dev.detour.gateway.providers.langchain4j;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.ProviderKind;
import dev.detour.gateway.providers.failure.FailureClassifier;
import dev.detour.gateway.wire.EmbeddingRequest;
import dev.detour.gateway.wire.EmbeddingResponse;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.List;

/** An embedding deployment served by a LangChain4j embedding model built once per deployment. */
public final class LangChain4jEmbeddingDeployment implements EmbeddingDeployment {

    private final DeploymentId id;
    private final ProviderKind kind;
    private final EmbeddingModel model;
    private final FailureClassifier classifier;

    public LangChain4jEmbeddingDeployment(DeploymentId id, ProviderKind kind, EmbeddingModel model,
                                          FailureClassifier classifier) {
        this.id = id;
        this.kind = kind;
        this.model = model;
        this.classifier = classifier;
    }

    @Override
    public DeploymentId id() {
        return id;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        if (request.input() == null || request.input().isEmpty()) {
            throw Unsupported.invalid("'input' must not be empty", "input");
        }
        if (request.dimensions() != null) {
            throw Unsupported.field(kind, "dimensions");
        }
        // encoding_format is the gateway's business: it re-encodes the floats it gets (base64 for the OpenAI SDKs).
        if (request.user() != null) {
            throw Unsupported.field(kind, "user");
        }
        List<TextSegment> segments = new ArrayList<>(request.input().size());
        for (String text : request.input()) {
            segments.add(TextSegment.from(text));
        }
        Response<List<Embedding>> response;
        try {
            response = model.embedAll(segments);
        } catch (RuntimeException e) {
            throw classifier.classify(e);
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(response.content().size());
        for (int i = 0; i < response.content().size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, response.content().get(i).vector()));
        }
        TokenUsage usage = response.tokenUsage();
        int prompt = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        return EmbeddingResponse.of(data, id.model(), new EmbeddingResponse.EmbeddingUsage(prompt, prompt));
    }
}
