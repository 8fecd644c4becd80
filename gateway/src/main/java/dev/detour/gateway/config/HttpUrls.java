package dev.detour.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks the provider base URLs Detour can call: absolute http(s) URLs with a host. */
final class HttpUrls {

    private HttpUrls() {
    }

    /** What is wrong with {@code text} as a base URL, or {@code null} when it is fine. Never echoes the text. */
    static String problem(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return "not a valid URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "expected an http:// or https:// URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "expected a URL with a host name";
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return "a base URL takes no ?query or #fragment";
        }
        return null;
    }

    static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
