package dev.detour.gateway.config;

import java.nio.file.Path;
import java.util.List;

/** Reads the {@code server:} section; every key is optional and defaults to {@link ServerConfig#DEFAULTS}. */
final class ServerConfigReader {

    static final List<String> KEYS = List.of("host", "port", "max_body_bytes", "data_dir");

    private final FieldReader reader;

    ServerConfigReader(FieldReader reader) {
        this.reader = reader;
    }

    /** The server settings; fields with problems keep their defaults (the problems are recorded). */
    ServerConfig read(Field field) {
        ServerConfig defaults = ServerConfig.DEFAULTS;
        var keys = field == null ? null : reader.mapping(field, KEYS);
        if (keys == null) {
            return defaults;
        }
        String host = defaults.host();
        Field hostField = keys.get("host");
        ConfigText hostText = hostField == null ? null : reader.text(hostField);
        if (hostText != null) {
            String value = hostText.value().trim();
            if (value.isEmpty() || value.contains("/") || value.contains(" ")) {
                reader.problem(hostField, "expected a host name or IP address to listen on (such as 127.0.0.1 or "
                        + "0.0.0.0), got " + hostText.quoted());
            } else {
                host = value;
            }
        }

        int port = defaults.port();
        Field portField = keys.get("port");
        Integer portValue = portField == null ? null : reader.integer(portField);
        if (portValue != null) {
            if (portValue < 0 || portValue > 65_535) {
                reader.problem(portField, "a port is between 1 and 65535 (0 picks a free one), got " + portValue);
            } else {
                port = portValue;
            }
        }

        long maxBodyBytes = defaults.maxBodyBytes();
        Field sizeField = keys.get("max_body_bytes");
        Long size = sizeField == null ? null : reader.byteSize(sizeField);
        if (size != null) {
            if (size <= 0) {
                reader.problem(sizeField, "must be more than 0 bytes");
            } else {
                maxBodyBytes = size;
            }
        }

        Path dataDir = defaults.dataDir();
        Field dirField = keys.get("data_dir");
        ConfigText dirText = dirField == null ? null : reader.text(dirField);
        if (dirText != null) {
            String value = dirText.value().trim();
            if (value.isEmpty()) {
                reader.problem(dirField, "expected a folder for the gateway's files, got an empty string");
            } else {
                dataDir = Path.of(value);
            }
        }
        return new ServerConfig(host, port, maxBodyBytes, dataDir);
    }
}
