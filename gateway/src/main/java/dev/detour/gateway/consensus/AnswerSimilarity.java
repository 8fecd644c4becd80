package dev.detour.gateway.consensus;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How alike two answers are, from 0 (nothing shared) to 1 (the same words as often): the Sørensen-Dice coefficient
 * of their word multisets after normalising (Unicode NFKC, lower case, punctuation dropped). Consensus uses it when the
 * semantic cache (and so its embedder) is off: it sees "Paris." and "paris" as equal, but not a paraphrase.
 * Text without spaces (Chinese, Japanese) is compared character by character.
 */
public final class AnswerSimilarity {

    private AnswerSimilarity() {
    }

    public static double of(String a, String b) {
        Map<String, Integer> left = words(a);
        Map<String, Integer> right = words(b);
        int total = left.values().stream().mapToInt(Integer::intValue).sum()
                + right.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return 1.0; // two empty answers agree
        }
        int shared = 0;
        for (Map.Entry<String, Integer> entry : left.entrySet()) {
            shared += Math.min(entry.getValue(), right.getOrDefault(entry.getKey(), 0));
        }
        return 2.0 * shared / total;
    }

    static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new HashMap<>();
        if (text == null) {
            return counts;
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\p{P}\\p{S}]+", " ");
        for (String word : normal.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.codePoints().anyMatch(AnswerSimilarity::isUnspaced)) {
                word.codePoints().forEach(cp -> counts.merge(Character.toString(cp), 1, Integer::sum));
            } else {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean isUnspaced(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }
}
