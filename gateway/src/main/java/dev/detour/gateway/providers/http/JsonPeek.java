package dev.detour.gateway.providers.http;

/**
 * Cheap look-ups in JSON text without parsing it, for per-event checks on the streaming hot path. A key found
 * here is a real key: inside JSON strings quotes are escaped, so {@code "key"} followed by a colon cannot occur.
 */
public final class JsonPeek {

    private JsonPeek() {
    }

    /** The first character of the value of {@code key}'s first occurrence, or 0 when the key is absent. */
    public static char valueStart(String json, String key) {
        int at = valueIndex(json, key);
        return at < 0 ? 0 : json.charAt(at);
    }

    /** The string value of {@code key}'s first occurrence (unescaped only trivially), or null. */
    public static String stringValue(String json, String key) {
        int at = valueIndex(json, key);
        if (at < 0 || json.charAt(at) != '"') {
            return null;
        }
        int end = json.indexOf('"', at + 1);
        return end < 0 ? null : json.substring(at + 1, end);
    }

    /** Whether {@code key} has a non-null value somewhere in the text. */
    public static boolean hasNonNull(String json, String key) {
        char c = valueStart(json, key);
        return c != 0 && c != 'n';
    }

    private static int valueIndex(String json, String key) {
        if (json == null) {
            return -1;
        }
        String quoted = '"' + key + '"';
        int from = 0;
        while (true) {
            int found = json.indexOf(quoted, from);
            if (found < 0) {
                return -1;
            }
            int i = skipSpace(json, found + quoted.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpace(json, i + 1);
                return i < json.length() ? i : -1;
            }
            from = found + quoted.length();
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
