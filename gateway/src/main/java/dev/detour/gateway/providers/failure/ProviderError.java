package dev.detour.gateway.providers.failure;

/**
 * What a provider's error body says, in any family's shape: its human message, machine code, error type,
 * status word (Gemini's RESOURCE_EXHAUSTED...) and the parameter it blamed. Any part may be null.
 */
public record ProviderError(String message, String code, String type, String status, String param) {

    public static final ProviderError NONE = new ProviderError(null, null, null, null, null);

    /** Whether any of message, code, type or status contains {@code text}, ignoring case. */
    public boolean mentions(String text) {
        String needle = text.toLowerCase(java.util.Locale.ROOT);
        return contains(message, needle) || contains(code, needle) || contains(type, needle) || contains(status, needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
