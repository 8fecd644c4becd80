package dev.detour.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The provider and model names a config declares, for checking route targets. A provider whose models could not
 * be read is still known by name, with its models unknown, so one mistake is not reported again at every route.
 */
final class KnownDeployments {

    /** provider -> (model -> is an embedding model); a null model map means "models unknown, do not check". */
    private final Map<String, Map<String, Boolean>> providers = new LinkedHashMap<>();

    void addProvider(String provider, Map<String, Boolean> modelsAreEmbedding) {
        providers.put(provider, modelsAreEmbedding == null ? null : new LinkedHashMap<>(modelsAreEmbedding));
    }

    boolean hasProvider(String provider) {
        return providers.containsKey(provider);
    }

    Set<String> providerNames() {
        return providers.keySet();
    }

    /** {@code null} when the provider's models are unknown. */
    Set<String> modelNames(String provider) {
        Map<String, Boolean> models = providers.get(provider);
        return models == null ? null : models.keySet();
    }

    /** Whether the model is an embedding model; {@code null} when not known. */
    Boolean isEmbedding(String provider, String model) {
        Map<String, Boolean> models = providers.get(provider);
        return models == null ? null : models.get(model);
    }
}
