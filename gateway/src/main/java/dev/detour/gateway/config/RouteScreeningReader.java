package dev.detour.gateway.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a route's screening keys: {@code min_context_window}, {@code on_context_overflow}, {@code max_cost_usd}, {@code languages_required}. */
final class RouteScreeningReader {

    private final FieldReader reader;

    RouteScreeningReader(FieldReader reader) {
        this.reader = reader;
    }

    /** The screening; keys with problems keep their defaults (the problems are recorded). */
    RouteScreening read(Map<String, Field> keys) {
        RouteScreening defaults = RouteScreening.DEFAULTS;

        int minContextWindow = defaults.minContextWindow();
        Field minField = keys.get("min_context_window");
        Integer min = present(minField) ? reader.integer(minField) : null;
        if (min != null && min <= 0) {
            reader.problem(minField, "must be a positive number of tokens, got " + min);
        } else if (min != null) {
            minContextWindow = min;
        }

        RouteScreening.ContextOverflow overflow = defaults.onContextOverflow();
        Field overflowField = keys.get("on_context_overflow");
        ConfigText overflowText = present(overflowField) ? reader.text(overflowField) : null;
        if (overflowText != null) {
            switch (overflowText.value().trim().toLowerCase(Locale.ROOT)) {
                case "reject" -> overflow = RouteScreening.ContextOverflow.REJECT;
                case "trim" -> overflow = RouteScreening.ContextOverflow.TRIM;
                default -> reader.problem(overflowField, "expected reject or trim, got " + overflowText.quoted());
            }
        }

        Double maxCost = defaults.maxCostUsd();
        Field costField = keys.get("max_cost_usd");
        Double cost = present(costField) ? reader.number(costField) : null;
        if (cost != null && (cost <= 0 || cost.isInfinite() || cost.isNaN())) {
            reader.problem(costField, "must be more than 0 (USD per request), got " + cost);
        } else if (cost != null) {
            maxCost = cost;
        }

        List<String> languages = defaults.languagesRequired();
        Field languagesField = keys.get("languages_required");
        if (present(languagesField)) {
            List<String> read = new LanguageCodesReader(reader).read(languagesField);
            if (read != null) {
                languages = read;
            }
        }
        return new RouteScreening(minContextWindow, overflow, maxCost, languages);
    }

    private static boolean present(Field field) {
        return field != null && !field.isAbsent();
    }
}
