package dev.detour.gateway.config;

import java.util.List;

/**
 * A validated configuration and what a person should know about how it was obtained (which file, which
 * environment variables were found, which defaults applied), for the start-up log. Notes never hold secrets.
 */
public record LoadedConfig(DetourConfig config, List<String> notes) {

    public LoadedConfig {
        notes = List.copyOf(notes);
    }

    /** The notes on one line, for a single start-up log entry. */
    public String summary() {
        return String.join("; ", notes);
    }
}
