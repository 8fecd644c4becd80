package dev.detour.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where this process takes its configuration from: a file ({@code --config}, else {@code $DETOUR_CONFIG}, else
 * {@code ./detour.yaml} when present) or, with no file, the environment. {@code file} is {@code null} for the latter.
 */
public record ConfigSource(Path file, String origin) {

    public static final String ENV_VARIABLE = "DETOUR_CONFIG";
    public static final String DEFAULT_FILE_NAME = "detour.yaml";

    /**
     * Resolves the source. A path given explicitly or in {@code DETOUR_CONFIG} is used even if missing (loading
     * then fails), since silently falling back to other settings would hide the mistake. Relative paths are taken
     * from {@code workingDir}.
     *
     * @param explicit the path given on the command line, or {@code null}
     */
    public static ConfigSource resolve(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) {
            return new ConfigSource(workingDir.resolve(explicit), "command line");
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new ConfigSource(workingDir.resolve(fromEnv.trim()), ENV_VARIABLE);
        }
        Path local = workingDir.resolve(DEFAULT_FILE_NAME);
        if (Files.isRegularFile(local)) {
            return new ConfigSource(local, "working directory");
        }
        return new ConfigSource(null, "environment");
    }

    public boolean isFile() {
        return file != null;
    }

    /** Loads from this source, with a first note saying where the configuration came from. */
    public LoadedConfig load(Map<String, String> env) {
        if (!isFile()) {
            return ConfigLoader.fromEnvironment(env);
        }
        LoadedConfig loaded = new ConfigLoader(env).loadWithNotes(file);
        List<String> notes = new ArrayList<>();
        notes.add("config from " + file + " (" + origin + ")");
        notes.addAll(loaded.notes());
        return new LoadedConfig(loaded.config(), notes);
    }
}
