package dev.detour.gateway.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads and validates a detour.yaml, interpolating {@code ${ENV}} from the environment it was given, or builds the
 * configuration from environment variables alone. Every failure is a {@link ConfigException}.
 */
public final class ConfigLoader {

    private final Map<String, String> env;
    private final BuiltInDefaults defaults;

    /** @param env the environment variables {@code ${NAME}} refers to (tests pass their own map) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.defaults = BuiltInDefaults.load();
    }

    /** A loader reading the process environment. */
    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /** Reads and validates {@code file}; messages name it as given. */
    public DetourConfig load(Path file) {
        return loadWithNotes(file).config();
    }

    /** Like {@link #load}, with notes for the start-up log (defaults applied, prices missing...). */
    public LoadedConfig loadWithNotes(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigProblem(source, null, null, "no such file"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigProblem(source, null, null, "not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(source, null, null, "cannot read the file: " + e));
        }
        return parse(text, source);
    }

    /** Validates YAML text; {@code source} is how messages name it (a file name, usually). */
    public LoadedConfig parse(String yaml, String source) {
        return new DetourConfigReader(env, defaults).read(yaml, source);
    }

    /**
     * The configuration when there is no file: providers from OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or
     * GOOGLE_API_KEY, MISTRAL_API_KEY, DEEPSEEK_API_KEY, DASHSCOPE_API_KEY, GROQ_API_KEY and OLLAMA_HOST.
     */
    public static LoadedConfig fromEnvironment(Map<String, String> env) {
        return new EnvironmentDiscovery(BuiltInDefaults.load()).discover(env);
    }
}
