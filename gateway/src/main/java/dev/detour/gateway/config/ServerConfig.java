package dev.detour.gateway.config;

/** Where the gateway listens and how much it accepts. */
public record ServerConfig(String host, int port, long maxBodyBytes) {

    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, 4L * 1024 * 1024);
}
