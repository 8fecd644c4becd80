package dev.detour.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local models (the {@code local:} section): the folders found at start, how they run, and whether one of them
 * is every route's last resort. Each model is addressed as {@code local/<folder name>}.
 *
 * @param models        folder name to model folder, as discovered at start
 * @param lastResort    a model name appended as a final tier to every configured route, or null
 * @param tierTimeout   how long the local tier may take to start answering (its first token when streaming)
 * @param timeout       how long one generation may run in total
 */
public record LocalConfig(Map<String, Path> models, String lastResort, Duration tierTimeout, int intraOpThreads,
                          int interOpThreads, int maxConcurrent, int maxQueued, Duration maxWait, Duration timeout) {

    /** The provider name under which local models are addressed ({@code local/<name>}). */
    public static final String PROVIDER = dev.detour.gateway.providers.DeploymentId.LOCAL_PROVIDER;

    public static final LocalConfig NONE = new LocalConfig(Map.of(), null, Duration.ofSeconds(30), 0, 0, 1, 4,
            Duration.ofSeconds(10), Duration.ofSeconds(60));

    public LocalConfig {
        models = Map.copyOf(models);
    }
}
