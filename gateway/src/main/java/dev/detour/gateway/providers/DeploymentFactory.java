package dev.detour.gateway.providers;

import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;

import java.util.Optional;

/** Builds the deployment for a configured provider model (the LangChain4j adapters, or a test's stand-in). */
public interface DeploymentFactory {

    ChatDeployment chat(ProviderConfig provider, ModelConfig model);

    Optional<EmbeddingDeployment> embedding(ProviderConfig provider, ModelConfig model);
}
