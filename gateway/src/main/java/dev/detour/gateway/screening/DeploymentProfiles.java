package dev.detour.gateway.screening;

import dev.detour.gateway.config.DetourConfig;
import dev.detour.gateway.config.ModelConfig;
import dev.detour.gateway.config.ProviderConfig;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.tokens.TokenizerFamily;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The profiles of every configured deployment, built once from the configuration. */
public final class DeploymentProfiles {

    private final Map<DeploymentId, DeploymentProfile> byId;

    public DeploymentProfiles(Map<DeploymentId, DeploymentProfile> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static DeploymentProfiles from(DetourConfig config) {
        return from(config, Map.of());
    }

    /**
     * The configured provider models, plus the local models with their context windows. A local model has its own
     * tokenizer, unknown here, so its prompts are counted with the approximate margin; it declares no languages.
     */
    public static DeploymentProfiles from(DetourConfig config, Map<DeploymentId, Integer> localContextWindows) {
        Map<DeploymentId, DeploymentProfile> profiles = new HashMap<>();
        localContextWindows.forEach((id, window) -> profiles.put(id,
                new DeploymentProfile(id, null, TokenizerFamily.APPROXIMATE, window, Set.of())));
        for (ProviderConfig provider : config.providers()) {
            for (ModelConfig model : provider.models()) {
                DeploymentId id = new DeploymentId(provider.name(), model.name());
                profiles.put(id, new DeploymentProfile(id, provider.kind(),
                        TokenizerFamily.of(provider.kind(), model.name()), model.contextWindow(),
                        Set.copyOf(model.languages())));
            }
        }
        return new DeploymentProfiles(profiles);
    }

    /** The profile of {@code id}; every routed id has one, since routes are checked against the providers. */
    public DeploymentProfile of(DeploymentId id) {
        DeploymentProfile profile = byId.get(id);
        if (profile == null) {
            throw new IllegalArgumentException("no profile for " + id);
        }
        return profile;
    }

    /** Every language some deployment declares. */
    public Set<String> declaredLanguages() {
        Set<String> all = new HashSet<>();
        byId.values().forEach(p -> all.addAll(p.languages()));
        return all;
    }
}
