package dev.detour.gateway.providers;

import dev.detour.gateway.wire.EmbeddingRequest;
import dev.detour.gateway.wire.EmbeddingResponse;

/** A provider model that turns text into vectors ({@code POST /v1/embeddings}). */
public interface EmbeddingDeployment {

    DeploymentId id();

    /** @throws ProviderException classified */
    EmbeddingResponse embed(EmbeddingRequest request);
}
