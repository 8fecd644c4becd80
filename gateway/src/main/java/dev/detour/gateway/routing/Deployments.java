package dev.detour.gateway.routing;

import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;

import java.util.Map;

/** The deployments a route's ids resolve to, built once at start from the configuration. */
public record Deployments(Map<DeploymentId, ChatDeployment> chat, Map<DeploymentId, EmbeddingDeployment> embedding) {

    public Deployments {
        chat = Map.copyOf(chat);
        embedding = Map.copyOf(embedding);
    }

    public ChatDeployment chat(DeploymentId id) {
        ChatDeployment deployment = chat.get(id);
        if (deployment == null) {
            throw notServing(id, "chat completions");
        }
        return deployment;
    }

    public EmbeddingDeployment embedding(DeploymentId id) {
        EmbeddingDeployment deployment = embedding.get(id);
        if (deployment == null) {
            throw notServing(id, "embeddings");
        }
        return deployment;
    }

    private static ProviderException notServing(DeploymentId id, String what) {
        return new ProviderException(FailureClass.AUTH_OR_CONFIG, 0, id + " does not serve " + what, null,
                "model_not_supported", "model", null);
    }
}
