package dev.detour.gateway.config;

import com.github.pemistahl.lingua.api.IsoCode639_1;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a list of ISO 639-1 language codes ({@code [en, zh, ja]}), each one a language the detector knows. */
final class LanguageCodesReader {

    private final FieldReader reader;

    LanguageCodesReader(FieldReader reader) {
        this.reader = reader;
    }

    /** The codes in lower case, in the order written; {@code null} when there was a problem (recorded). */
    List<String> read(Field field) {
        List<Field> items = reader.list(field);
        if (items == null) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        boolean ok = true;
        for (Field item : items) {
            ConfigText text = reader.text(item);
            if (text == null) {
                ok = false;
                continue;
            }
            String code = text.value().trim().toLowerCase(Locale.ROOT);
            if (!isKnown(code)) {
                reader.problem(item, "expected a two-letter ISO 639-1 language code such as en, zh or ja, got "
                        + text.quoted());
                ok = false;
            } else if (codes.contains(code)) {
                reader.problem(item, "language " + text.quoted() + " is listed twice");
                ok = false;
            } else {
                codes.add(code);
            }
        }
        return ok ? List.copyOf(codes) : null;
    }

    static boolean isKnown(String code) {
        if (code.length() != 2 || code.equals("none")) {
            return false;
        }
        try {
            IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
