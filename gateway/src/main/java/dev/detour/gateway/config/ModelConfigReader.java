package dev.detour.gateway.config;

import dev.detour.gateway.providers.ProviderKind;

import java.util.List;

/** Reads one model entry ({@code gpt-4o-mini: {context_window: 128000, ...}}), filling gaps from the built-in catalog. */
final class ModelConfigReader {

    static final List<String> KEYS = List.of("context_window", "input_price", "output_price", "cached_input_price",
            "embedding", "languages");

    private final FieldReader reader;
    private final List<String> notes;

    ModelConfigReader(FieldReader reader, List<String> notes) {
        this.reader = reader;
        this.notes = notes;
    }

    /**
     * @param builtIn what the catalog knows of this model at this provider, or {@code null}
     * @return the model, or {@code null} when it has problems (already recorded)
     */
    ModelConfig read(Field field, String name, ProviderKind kind, ModelConfig builtIn) {
        if (name.isBlank()) {
            reader.problemAtKey(field, "a model name cannot be empty");
            return null;
        }
        if (field.isAbsent() && builtIn != null) {
            return builtIn;
        }
        var fields = reader.mapping(field, KEYS);
        if (fields == null) {
            return null;
        }
        boolean ok = true;

        Integer contextWindow = null;
        Field contextField = fields.get("context_window");
        if (contextField != null && !contextField.isAbsent()) {
            contextWindow = reader.integer(contextField);
            ok &= contextWindow != null;
            if (contextWindow != null && contextWindow <= 0) {
                reader.problem(contextField, "must be a positive number of tokens, got " + contextWindow);
                ok = false;
            }
        } else if (builtIn != null) {
            contextWindow = builtIn.contextWindow();
        } else {
            reader.problemAtKey(field, "missing 'context_window' (Detour has no built-in value for model '"
                    + name + "')");
            ok = false;
        }

        Double input = price(fields.get("input_price"), builtIn == null ? null : builtIn.inputPricePerMillion());
        Double output = price(fields.get("output_price"), builtIn == null ? null : builtIn.outputPricePerMillion());
        ok &= input != null && output != null;
        Double cachedDefault = input;
        if (builtIn != null && absent(fields.get("input_price"))) {
            cachedDefault = builtIn.cachedInputPricePerMillion();
        }
        Double cachedInput = absent(fields.get("cached_input_price")) ? cachedDefault
                : price(fields.get("cached_input_price"), null);
        ok &= cachedInput != null;

        List<String> languages = builtIn == null ? List.of() : builtIn.languages();
        Field languagesField = fields.get("languages");
        if (!absent(languagesField)) {
            languages = new LanguageCodesReader(reader).read(languagesField);
            ok &= languages != null;
        }

        Boolean embedding = false;
        Field embeddingField = fields.get("embedding");
        if (embeddingField != null && !embeddingField.isAbsent()) {
            embedding = reader.bool(embeddingField);
            ok &= embedding != null;
        } else if (builtIn != null) {
            embedding = builtIn.embedding();
        }

        if (!ok) {
            return null;
        }
        Field inputField = fields.get("input_price");
        if (builtIn == null && kind != ProviderKind.OLLAMA && (inputField == null || inputField.isAbsent())) {
            // Cost-aware routing would prefer a model it believes free: say so at start-up.
            notes.add(field.path() + ": no input_price given, counted as free");
        }
        return new ModelConfig(name, contextWindow, input, output, embedding, cachedInput, languages);
    }

    private static boolean absent(Field field) {
        return field == null || field.isAbsent();
    }

    /** A price in USD per million tokens; absent means the built-in price, else 0. {@code null} on a problem. */
    private Double price(Field field, Double builtIn) {
        if (field == null || field.isAbsent()) {
            return builtIn == null ? 0.0 : builtIn;
        }
        Double price = reader.number(field);
        if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
            reader.problem(field, "a price cannot be negative, got " + price);
            return null;
        }
        return price;
    }
}
