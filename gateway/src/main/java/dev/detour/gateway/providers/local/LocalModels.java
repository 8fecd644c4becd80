package dev.detour.gateway.providers.local;

import dev.detour.gateway.config.LocalConfig;
import dev.detour.gateway.providers.ChatDeployment;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.local.LocalModel;
import dev.detour.local.LocalModelOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The local models found at start, loaded once each (one copy in memory, shared by all requests). */
public final class LocalModels implements AutoCloseable {

    private final List<LocalModel> loaded = new ArrayList<>();
    private final Map<DeploymentId, ChatDeployment> deployments = new LinkedHashMap<>();
    private final Map<DeploymentId, Integer> contextWindows = new LinkedHashMap<>();

    /**
     * Loads every model of {@code config}; a folder that is not a valid model stops the start with an error naming
     * the file at fault.
     */
    public LocalModels(LocalConfig config) {
        LocalModelOptions options = new LocalModelOptions(config.intraOpThreads(), config.interOpThreads(),
                config.maxConcurrent(), config.maxQueued(), config.maxWait(), config.timeout());
        try {
            for (Map.Entry<String, Path> entry : config.models().entrySet()) {
                LocalModel model = LocalModel.load(entry.getValue(), options);
                loaded.add(model);
                DeploymentId id = new DeploymentId(LocalConfig.PROVIDER, entry.getKey());
                deployments.put(id, new LocalChatDeployment(id, model));
                contextWindows.put(id, model.contextLength());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Map<DeploymentId, ChatDeployment> deployments() {
        return Map.copyOf(deployments);
    }

    /** Each model's context window in tokens, so that requests are screened for it like for any provider model. */
    public Map<DeploymentId, Integer> contextWindows() {
        return Map.copyOf(contextWindows);
    }

    @Override
    public void close() {
        loaded.forEach(LocalModel::close);
        loaded.clear();
    }
}
