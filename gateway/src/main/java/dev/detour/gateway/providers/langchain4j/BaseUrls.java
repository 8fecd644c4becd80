package dev.detour.gateway.providers.langchain4j;

/** Small helpers for base URLs as configured by people (with or without a trailing slash or version). */
public final class BaseUrls {

    private BaseUrls() {
    }

    public static String trimSlash(String url) {
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** {@code url} ending in {@code /<version>}: appended unless the URL already names a version path. */
    public static String withVersion(String url, String version) {
        String trimmed = trimSlash(url);
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.matches("v\\d+(beta\\d*|alpha\\d*)?") ? trimmed : trimmed + "/" + version;
    }
}
