package dev.detour.sim;

import java.util.ArrayList;
import java.util.List;

/** The sim's tokenizer: a token is a whitespace-separated word, which keeps counts predictable for tests. */
final class Words {

    private Words() {
    }

    static int count(String text) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                n++;
            }
            inWord = !space;
        }
        return n;
    }

    /** Splits into stream pieces: each word with the whitespace before it, so the pieces concatenate to the text. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(text.substring(start, i));
            start = i;
        }
        return out;
    }
}
