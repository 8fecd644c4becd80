package dev.detour.gateway.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Detects the language of a prompt with Lingua. Built once, from a limited set of languages (the common ones plus
 * every language the configuration names) in low-accuracy mode: only trigram models are loaded, which keeps memory
 * to tens of MB and a detection of a short prompt well under a millisecond; low accuracy costs little on prompts,
 * which are sentences rather than single words. Only the first {@link #MAX_CHARS} characters are looked at.
 */
public final class PromptLanguageDetector {

    static final int MAX_CHARS = 500;

    /** Languages always in the set, so that a prompt in one of them is not mistaken for a configured one. */
    private static final List<String> COMMON = List.of("en", "es", "fr", "de", "it", "pt", "nl", "ru", "zh", "ja",
            "ko", "ar", "hi", "tr", "pl", "vi");

    private final LanguageDetector detector;

    /** @param configured ISO 639-1 codes the configuration names (validated when it was read) */
    public PromptLanguageDetector(Collection<String> configured) {
        Set<Language> languages = EnumSet.noneOf(Language.class);
        COMMON.forEach(code -> languages.add(language(code)));
        configured.forEach(code -> languages.add(language(code)));
        this.detector = LanguageDetectorBuilder.fromLanguages(languages.toArray(Language[]::new))
                .withLowAccuracyMode()
                .withPreloadedLanguageModels()
                .build();
    }

    /** The ISO 639-1 code of the text's language, or null when Lingua cannot tell. */
    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Language language = detector.detectLanguageOf(sample);
        return language == Language.UNKNOWN ? null : language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    private static Language language(String code) {
        return Language.getByIsoCode639_1(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
    }
}
