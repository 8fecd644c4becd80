package dev.detour.cache.verify;

import java.util.Map;
import java.util.Set;

/** The small English word lists the false-hit checks use: stop words, negations, number words, role words, opposites. */
final class Lexicon {

    static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nobody", "nothing", "neither", "nor",
            "nowhere", "without");

    static final Set<String> STOPWORDS = Set.of("a", "an", "the", "is", "are", "was", "were", "be", "been", "being",
            "am", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "i", "me", "my", "mine",
            "myself", "you", "your", "yours", "yourself", "we", "us", "our", "ours", "he", "him", "his", "she", "her",
            "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "there", "here",
            "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "and", "or", "but", "if", "so",
            "of", "in", "on", "at", "by", "for", "with", "about", "as", "into", "onto", "from", "to", "than", "then",
            "up", "down", "out", "off", "over", "under", "between", "through", "during", "before", "after", "above",
            "below", "against", "vs", "versus", "can", "could", "will", "would", "shall", "should", "may", "might",
            "must", "some", "any", "all", "each", "every", "other", "such", "own", "same", "very", "just", "also",
            "too", "only", "really", "much", "many", "more", "most", "one's", "ever", "get", "got", "s", "t", "don",
            "im", "ive", "dont", "way", "ways", "thing", "things", "good", "best", "better", "possible", "know",
            "anyone", "someone", "something", "anything", "people", "person", "quora", "use", "using", "make",
            "like", "want", "need", "tell", "think", "new", "via", "etc", "e.g", "ie");

    /** Number words and ordinals, mapped to the digits "2" would give, so "two" and "2" agree. */
    static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", "0"), Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"),
            Map.entry("fifteen", "15"), Map.entry("sixteen", "16"), Map.entry("seventeen", "17"),
            Map.entry("eighteen", "18"), Map.entry("nineteen", "19"), Map.entry("twenty", "20"),
            Map.entry("thirty", "30"), Map.entry("forty", "40"), Map.entry("fifty", "50"), Map.entry("sixty", "60"),
            Map.entry("seventy", "70"), Map.entry("eighty", "80"), Map.entry("ninety", "90"),
            Map.entry("hundred", "100"), Map.entry("thousand", "1000"), Map.entry("million", "1000000"),
            Map.entry("billion", "1000000000"), Map.entry("first", "1"), Map.entry("third", "3"),
            Map.entry("fourth", "4"), Map.entry("fifth", "5"), Map.entry("sixth", "6"),
            Map.entry("seventh", "7"), Map.entry("eighth", "8"), Map.entry("ninth", "9"), Map.entry("tenth", "10"), Map.entry("twice", "2"));

    /** Words whose argument is a role: swapping two arguments across them changes the question. Symmetric ones ("and", "vs") are not here. */
    static final Set<String> ROLE_MARKERS = Set.of("from", "to", "into", "than", "against", "over", "under", "before",
            "after", "above", "below", "by", "for");

    /** Words between two exchanged words that leave the question the same: "X and Y" asks what "Y and X" asks. */
    static final Set<String> SYMMETRIC_CONNECTORS = Set.of("and", "or", "vs", "versus", "nor", "with", "between");

    /** Opposite words: one side in one question and the other side in the other reverses the question. */
    static final Map<String, String> OPPOSITES = opposites(
            "safe:dangerous", "safe:unsafe", "good:bad", "best:worst", "better:worse", "pros:cons",
            "advantages:disadvantages", "advantage:disadvantage", "benefits:drawbacks", "increase:decrease",
            "increasing:decreasing", "rise:fall", "legal:illegal", "possible:impossible", "healthy:unhealthy",
            "like:dislike", "love:hate", "true:false", "buy:sell", "buying:selling", "before:after", "more:less",
            "most:least", "positive:negative", "cheap:expensive", "cheapest:expensive", "win:lose", "gain:lose",
            "gaining:losing", "easy:hard", "easiest:hardest", "easy:difficult", "fast:slow", "fastest:slowest",
            "high:low", "higher:lower", "highest:lowest", "rich:poor", "happy:sad", "strong:weak", "big:small",
            "bigger:smaller", "biggest:smallest", "large:small", "largest:smallest", "old:new", "oldest:newest",
            "long:short", "longer:shorter", "start:stop", "add:remove", "enable:disable",
            "import:export", "input:output", "male:female", "men:women", "man:woman", "boys:girls", "boy:girl",
            "up:down", "upload:download", "hot:cold", "right:wrong", "success:failure", "successful:unsuccessful",
            "always:never", "allowed:forbidden", "agree:disagree", "accept:reject", "include:exclude",
            "maximum:minimum", "max:min", "north:south", "east:west", "left:right", "inside:outside",
            "early:late", "earliest:latest", "first:last", "beginner:advanced", "beginners:advanced",
            "capitalism:socialism", "democrat:republican", "democrats:republicans", "liberal:conservative",
            "liberals:conservatives", "introvert:extrovert", "introverts:extroverts");

    /** Days, months and relative dates: a question about Monday is not one about Tuesday, whatever its case. */
    static final Set<String> DATE_WORDS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october",
            "november", "december", "today", "tomorrow", "yesterday", "tonight", "weekend", "morning", "evening",
            "night", "week", "month", "year", "decade", "century");

    /** Names that mean the same place: "the USA" and "the US" ask the same. */
    static final Map<String, String> ALIASES = Map.of("usa", "us", "america", "us", "britain", "uk", "vw", "volkswagen");

    /** Prefixes that turn a word into its opposite: safe / unsafe, legal / illegal, like / dislike. */
    static final java.util.List<String> NEGATING_PREFIXES = java.util.List.of("un", "in", "im", "il", "ir", "dis", "non",
            "non-", "anti", "anti-");

    private Lexicon() {
    }

    private static Map<String, String> opposites(String... pairs) {
        java.util.HashMap<String, String> map = new java.util.HashMap<>();
        for (String p : pairs) {
            String[] two = p.split(":");
            map.merge(two[0], two[1], (x, y) -> x + "|" + y);
            map.merge(two[1], two[0], (x, y) -> x + "|" + y);
        }
        return Map.copyOf(map);
    }
}
