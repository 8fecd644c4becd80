package dev.detour.cache.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question broken into what the false-hit checks compare: lower-case word tokens (contractions expanded, number
 * words as digits), the content words, the numbers, the names (capitalised words inside the sentence, and dates of any
 * case), the count of negations and the argument each role word ("from", "to", "than"...) takes.
 */
public record ParsedQuestion(String text, List<String> tokens, List<String> contentTokens, List<String> numbers,
                             Set<String> names, int negations, Map<String, String> roles) {

    private static final Pattern TOKEN = Pattern.compile("\\d+(?:[.,:/]\\d+)*(?:st|nd|rd|th|s)?|[\\p{L}][\\p{L}\\p{M}'’]*");
    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,:/]\\d+)*");

    public static ParsedQuestion of(String text) {
        List<String> tokens = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int negations = 0;
        Matcher m = TOKEN.matcher(text);
        boolean sentenceStart = true;
        int lastEnd = 0;
        while (m.find()) {
            String between = text.substring(lastEnd, m.start());
            if (between.indexOf('?') >= 0 || between.indexOf('.') >= 0 || between.indexOf('!') >= 0) {
                sentenceStart = true;
            }
            lastEnd = m.end();
            String raw = m.group();
            if (Character.isDigit(raw.charAt(0))) {
                Matcher d = DIGITS.matcher(raw);
                d.lookingAt();
                String number = d.group().replace(",", "");
                numbers.add(number);
                tokens.add(number);
                sentenceStart = false;
                continue;
            }
            String word = raw.toLowerCase(Locale.ROOT).replace('’', '\'');
            String stem = Lexicon.ALIASES.getOrDefault(expand(word).get(0), expand(word).get(0));
            // "US" is a name even though "us" is a stop word; a capital at the start of a sentence says nothing
            boolean acronym = raw.length() >= 2 && raw.equals(raw.toUpperCase(Locale.ROOT));
            if (acronym || (!sentenceStart && isName(raw) && !Lexicon.STOPWORDS.contains(stem))
                    || Lexicon.DATE_WORDS.contains(stem)) {
                names.add(stem);
            }
            sentenceStart = false;
            for (String expanded : expand(word)) {
                String t = Lexicon.ALIASES.getOrDefault(expanded, expanded);
                String number = Lexicon.NUMBER_WORDS.get(t);
                if (number != null) {
                    numbers.add(number);
                    tokens.add(number);
                } else {
                    if (Lexicon.NEGATIONS.contains(t)) {
                        negations++;
                    }
                    tokens.add(t);
                }
            }
        }
        List<String> content = new ArrayList<>();
        for (String t : tokens) {
            if (!Lexicon.STOPWORDS.contains(t) && !Lexicon.NEGATIONS.contains(t)) {
                content.add(t);
            }
        }
        numbers.sort(null);
        return new ParsedQuestion(text, List.copyOf(tokens), List.copyOf(content), List.copyOf(numbers),
                Set.copyOf(names), negations, roles(tokens));
    }

    /** A capitalised word ("Boston", "iPhone", "USA"), not the lone "I". */
    private static boolean isName(String raw) {
        if (raw.equals("I") || raw.startsWith("I'")) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isUpperCase(raw.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** "can't" -> can not, "isn't" -> is not, "cannot" -> can not, "john's" -> john. */
    private static List<String> expand(String word) {
        if (word.equals("cannot")) {
            return List.of("can", "not");
        }
        if (word.equals("won't")) {
            return List.of("will", "not");
        }
        if (word.equals("can't")) {
            return List.of("can", "not");
        }
        if (word.endsWith("n't")) {
            return List.of(word.substring(0, word.length() - 3), "not");
        }
        int apostrophe = word.indexOf('\'');
        if (apostrophe > 0) {
            return List.of(word.substring(0, apostrophe));
        }
        return List.of(word);
    }

    /** The first content word after each role word: "from boston to denver" -> {from=boston, to=denver}. */
    private static Map<String, String> roles(List<String> tokens) {
        Map<String, String> roles = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String marker = tokens.get(i);
            if (!Lexicon.ROLE_MARKERS.contains(marker) || roles.containsKey(marker)) {
                continue;
            }
            for (int j = i + 1; j < tokens.size() && j <= i + 4; j++) {
                String t = tokens.get(j);
                if (Lexicon.ROLE_MARKERS.contains(t)) {
                    break;
                }
                if (!Lexicon.STOPWORDS.contains(t)) {
                    roles.put(marker, t);
                    break;
                }
            }
        }
        return Map.copyOf(roles);
    }
}
