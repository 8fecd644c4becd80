package dev.detour.cache.verify;

/** The kinds of difference that make two similar-looking questions ask different things. */
public enum GuardFinding {
    /** Different numbers: "what is 2+2" vs "what is 2+3", "in 2016" vs "in 2017". */
    NUMBERS,
    /** A name or date replaced by another: "CEO of Apple" vs "CEO of Google", "on Monday" vs "on Friday". */
    NAMES,
    /** One question negated and the other not: "is X safe" vs "is X not safe". */
    NEGATION,
    /** Opposite words: "is X safe" vs "is X dangerous", "pros" vs "cons", "legal" vs "illegal". */
    POLARITY,
    /** The same words in swapped roles: "from Boston to Denver" vs "from Denver to Boston". */
    SWAPPED_ROLES
}
