package dev.detour.gateway.config;

import java.nio.file.Path;

/**
 * Where the gateway listens, how much it accepts, and the folder its files live in (the SQLite records, the
 * cache's store and index), relative to the working directory unless absolute.
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Path dataDir) {

    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, 4L * 1024 * 1024, Path.of("data"));

    public ServerConfig withDataDir(Path newDataDir) {
        return new ServerConfig(host, port, maxBodyBytes, newDataDir);
    }
}
