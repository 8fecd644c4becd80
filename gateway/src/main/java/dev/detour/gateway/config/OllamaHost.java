package dev.detour.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns {@code OLLAMA_HOST} into a base URL the way Ollama's own client does: a missing scheme means http and
 * port 11434, and a bind-everything address (0.0.0.0, ::) means this machine.
 */
final class OllamaHost {

    static final int DEFAULT_PORT = 11434;

    private OllamaHost() {
    }

    /** @throws IllegalArgumentException without echoing the value, when it is not a host or URL */
    static String toBaseUrl(String ollamaHost) {
        String text = ollamaHost.trim();
        boolean hasScheme = text.contains("://");
        if (!hasScheme) {
            text = "http://" + (text.startsWith(":") ? "127.0.0.1" + text : text);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a host, host:port or URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a host, host:port or URL");
        }
        String host = switch (uri.getHost()) {
            case "0.0.0.0" -> "127.0.0.1";
            case "[::]" -> "[::1]";
            default -> uri.getHost();
        };
        int port = uri.getPort() < 0 && !hasScheme ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + host + (port < 0 ? "" : ":" + port) + path;
    }
}
