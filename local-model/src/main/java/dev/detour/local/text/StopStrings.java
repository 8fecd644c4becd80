package dev.detour.local.text;

import java.util.List;

/**
 * Finds the client's stop strings in streamed text. Text that could be the start of a stop string is held back
 * until the next piece shows whether it is, so a client never receives part of a stop string.
 */
public final class StopStrings {

    private final List<String> stops;
    private final StringBuilder text = new StringBuilder();
    private int released;
    private boolean stopped;

    public StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds generated text; returns what may now go to the client. After a stop string, nothing more. */
    public String accept(String piece) {
        if (stopped) {
            return "";
        }
        int searchFrom = Math.max(0, text.length() - longestStop() + 1);
        text.append(piece);
        int cut = firstStop(searchFrom);
        if (cut >= 0) {
            stopped = true;
            return release(cut);
        }
        return release(text.length() - heldBack());
    }

    /** Whether a stop string has been seen. */
    public boolean stopped() {
        return stopped;
    }

    /** The rest of the text at the end of a generation that no stop string ended. */
    public String flush() {
        return stopped ? "" : release(text.length());
    }

    /** {@code text} cut before its first stop string (whole text when none occurs). */
    public static String cut(String text, List<String> stops) {
        int cut = -1;
        for (String stop : stops) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut < 0 ? text : text.substring(0, cut);
    }

    private String release(int upTo) {
        if (upTo <= released) {
            return "";
        }
        String out = text.substring(released, upTo);
        released = upTo;
        return out;
    }

    private int firstStop(int from) {
        int cut = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, from);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        return cut;
    }

    // The longest tail of the text that is a proper prefix of some stop string.
    private int heldBack() {
        int held = 0;
        for (String stop : stops) {
            for (int len = Math.min(stop.length() - 1, text.length()); len > held; len--) {
                if (text.substring(text.length() - len).equals(stop.substring(0, len))) {
                    held = len;
                    break;
                }
            }
        }
        return Math.min(held, text.length() - released);
    }

    private int longestStop() {
        return stops.stream().mapToInt(String::length).max().orElse(1);
    }
}
