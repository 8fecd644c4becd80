package dev.detour.cache.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rejects the candidate hits cosine similarity lets through although they ask something else: different numbers,
 * names or dates, negation or opposite words, and swapped roles. Word rules only, no model: a few microseconds.
 */
public final class FalseHitGuard implements HitVerifier {

    @Override
    public Verdict judge(String cachedText, String queryText, float[] cachedVector, float[] queryVector, double cosine) {
        Optional<GuardFinding> finding = find(ParsedQuestion.of(cachedText), ParsedQuestion.of(queryText));
        return finding.map(f -> Verdict.reject(cosine, "guard: " + f.name().toLowerCase().replace('_', ' ')))
                .orElseGet(() -> Verdict.accept(cosine, "guard: no difference found"));
    }

    /** The first difference that makes the two questions ask different things, if any. */
    public Optional<GuardFinding> find(ParsedQuestion a, ParsedQuestion b) {
        if (numbersDiffer(a, b)) {
            return Optional.of(GuardFinding.NUMBERS);
        }
        if (namesReplaced(a, b)) {
            return Optional.of(GuardFinding.NAMES);
        }
        if ((a.negations() & 1) != (b.negations() & 1)) {
            return Optional.of(GuardFinding.NEGATION);
        }
        if (polarityReversed(a, b)) {
            return Optional.of(GuardFinding.POLARITY);
        }
        if (rolesSwapped(a, b)) {
            return Optional.of(GuardFinding.SWAPPED_ROLES);
        }
        return Optional.empty();
    }

    /**
     * Numbers must agree as multisets; a "1" on one side is forgiven when the other says "one" (a pronoun as often as
     * a number: "which one is better").
     */
    static boolean numbersDiffer(ParsedQuestion a, ParsedQuestion b) {
        if (a.numbers().equals(b.numbers())) {
            return false;
        }
        List<String> onlyA = minus(a.numbers(), b.numbers());
        List<String> onlyB = minus(b.numbers(), a.numbers());
        onlyA.removeIf(n -> n.equals("1") && b.tokens().contains("one"));
        onlyB.removeIf(n -> n.equals("1") && a.tokens().contains("one"));
        return !onlyA.isEmpty() || !onlyB.isEmpty();
    }

    /** A name (or date) on each side that the other side does not mention: one was replaced by the other. */
    static boolean namesReplaced(ParsedQuestion a, ParsedQuestion b) {
        return hasUnmatchedName(a, b) && hasUnmatchedName(b, a);
    }

    /** A name (or date) of {@code a} that {@code b} does not mention, in any case. */
    static boolean hasUnmatchedName(ParsedQuestion a, ParsedQuestion b) {
        for (String name : a.names()) {
            // a plural is the same name ("Software Engineer" / "software engineers")
            if (!b.tokens().contains(name) && !b.tokens().contains(name + "s")
                    && !(name.endsWith("s") && b.tokens().contains(name.substring(0, name.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Opposite words ("safe" / "dangerous") or a negating prefix ("safe" / "unsafe") between the two questions. */
    static boolean polarityReversed(ParsedQuestion a, ParsedQuestion b) {
        return oppositeWords(a, b) || oppositeWords(b, a) || negatingPrefix(a, b) || negatingPrefix(b, a);
    }

    private static boolean oppositeWords(ParsedQuestion a, ParsedQuestion b) {
        Set<String> inA = new HashSet<>(a.tokens());
        Set<String> inB = new HashSet<>(b.tokens());
        for (String word : inA) {
            String opposites = Lexicon.OPPOSITES.get(word);
            if (opposites == null || inB.contains(word)) {
                continue;
            }
            for (String opposite : opposites.split("\\|")) {
                if (inB.contains(opposite) && !inA.contains(opposite)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "unsafe" in {@code b} where {@code a} says "safe" (and {@code b} does not). */
    private static boolean negatingPrefix(ParsedQuestion a, ParsedQuestion b) {
        Set<String> inA = new HashSet<>(a.tokens());
        Set<String> inB = new HashSet<>(b.tokens());
        for (String word : inB) {
            if (inA.contains(word)) {
                continue;
            }
            for (String prefix : Lexicon.NEGATING_PREFIXES) {
                if (word.length() > prefix.length() + 2 && word.startsWith(prefix)) {
                    String base = word.substring(prefix.length());
                    if (inA.contains(base) && !inB.contains(base)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The same arguments under different role words ("from Boston to Denver" / "from Denver to Boston", "X better than
     * Y" / "Y better than X"), or the same content words with two of them exchanged ("does Alice love Bob").
     */
    static boolean rolesSwapped(ParsedQuestion a, ParsedQuestion b) {
        Map<String, String> ra = a.roles();
        Map<String, String> rb = b.roles();
        for (Map.Entry<String, String> e : ra.entrySet()) {
            String marker = e.getKey();
            String argA = e.getValue();
            String argB = rb.get(marker);
            if (argB == null || argA.equals(argB)) {
                continue;
            }
            if (marker.equals("than")) {
                // a comparison turned around: each side still mentions the other's argument elsewhere
                if (b.contentTokens().contains(argA) && a.contentTokens().contains(argB)) {
                    return true;
                }
                continue;
            }
            // Two role words trading their arguments; one moved argument alone is too often a rewording
            // ("books for beginners on UI design" / "UI design books for a beginner").
            for (Map.Entry<String, String> other : ra.entrySet()) {
                if (!other.getKey().equals(marker) && other.getValue().equals(argB)
                        && argA.equals(rb.get(other.getKey()))) {
                    return true;
                }
            }
        }
        // on all words ("does Alice love Bob"), then on content words, which a rewording of the small words
        // leaves in place ("what North Indians think about South Indians" / "what do South Indians think about ...")
        return twoWordsExchanged(a.tokens(), b.tokens()) || twoWordsExchanged(a.contentTokens(), b.contentTokens());
    }

    private static boolean twoWordsExchanged(List<String> a, List<String> b) {
        if (a.size() != b.size() || a.equals(b)) {
            return false;
        }
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing.add(i);
                if (differing.size() > 2) {
                    return false;
                }
            }
        }
        if (differing.size() != 2) {
            return false;
        }
        int i = differing.get(0);
        int j = differing.get(1);
        if (!a.get(i).equals(b.get(j)) || !a.get(j).equals(b.get(i)) || j - i < 2) {
            return false; // adjacent words trading places is word order ("learn fast" / "fast learn"), not roles
        }
        for (int k = i + 1; k < j; k++) {
            if (!Lexicon.SYMMETRIC_CONNECTORS.contains(a.get(k))) {
                return true;
            }
        }
        return false; // "X and Y" / "Y and X" ask the same
    }

    private static List<String> minus(List<String> from, List<String> remove) {
        Map<String, Integer> counts = new HashMap<>();
        for (String r : remove) {
            counts.merge(r, 1, Integer::sum);
        }
        List<String> left = new ArrayList<>();
        for (String f : from) {
            Integer c = counts.get(f);
            if (c == null || c == 0) {
                left.add(f);
            } else {
                counts.put(f, c - 1);
            }
        }
        return left;
    }
}
