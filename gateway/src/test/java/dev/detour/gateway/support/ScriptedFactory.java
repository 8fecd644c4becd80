package dev.detour.gateway.support;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.EmbeddingDeployment;
import dev.detour.gateway.providers.DeploymentFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Hands out {@link ScriptedDeployment}s by id so a test can script each one. */
public final class ScriptedFactory implements DeploymentFactory {

    private final Map<DeploymentId, ScriptedDeployment> deployments = new ConcurrentHashMap<>();

    public ScriptedDeployment get(String provider, String model) {
        return deployments.computeIfAbsent(new DeploymentId(provider, model),
                id -> new ScriptedDeployment(provider, model));
    }

    @Override
    public ChatDeployment chat(ProviderConfig provider, ModelConfig model) {
        return get(provider.name(), model.name());
    }

    @Override
    public Optional<EmbeddingDeployment> embedding(ProviderConfig provider, ModelConfig model) {
        return Optional.empty();
    }

    public void releaseAll() {
        deployments.values().forEach(ScriptedDeployment::release);
    }
}
