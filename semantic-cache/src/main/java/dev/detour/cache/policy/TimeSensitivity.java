package dev.detour.cache.policy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rule for questions whose answer goes stale: when the last user turn contains one of the phrases (whole words,
 * any case), the answer is stored with a short TTL, or not at all, or the rule is off.
 */
public record TimeSensitivity(Action action, Duration shortTtl, List<String> phrases) {

    /** What happens to a time-sensitive question's answer. */
    public enum Action { SHORT_TTL, NO_STORE, IGNORE }

    public static final List<String> DEFAULT_PHRASES = List.of("today", "tonight", "now", "right now", "currently",
            "current", "latest", "this week", "this month", "this year", "yesterday", "tomorrow", "breaking",
            "news", "price of", "stock price", "weather", "score");

    public static TimeSensitivity defaults() {
        return new TimeSensitivity(Action.SHORT_TTL, Duration.ofMinutes(5), DEFAULT_PHRASES);
    }

    public TimeSensitivity {
        phrases = List.copyOf(phrases);
    }

    /** The phrase that makes this question time-sensitive, or null. */
    public String matchIn(String question) {
        if (action == Action.IGNORE || question == null || phrases.isEmpty()) {
            return null;
        }
        var matcher = pattern().matcher(question);
        return matcher.find() ? matcher.group().toLowerCase(Locale.ROOT) : null;
    }

    private Pattern pattern() {
        // Built per call: a handful of phrases, and records hold no caches; the rule runs only on stores.
        String alternatives = phrases.stream().map(p -> Pattern.quote(p.trim()).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|"));
        return Pattern.compile("\\b(?:" + alternatives + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
