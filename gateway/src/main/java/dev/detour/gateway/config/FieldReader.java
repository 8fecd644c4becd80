package dev.detour.gateway.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of config fields. Each read either returns a value, or returns {@code null} and records a problem
 * at the field's line, column and path; an absent (null) field returns {@code null} with no problem.
 */
final class FieldReader {

    private final Problems problems;
    private final EnvInterpolator interpolator;

    FieldReader(Problems problems, EnvInterpolator interpolator) {
        this.problems = problems;
        this.interpolator = interpolator;
    }

    /** A problem with the value of {@code field}. */
    void problem(Field field, String message) {
        problems.add(field.position(), field.path(), message);
    }

    /** A problem with {@code field} as a whole (such as a required key missing inside it), reported at its key. */
    void problemAtKey(Field field, String message) {
        problems.add(field.keyPosition(), field.path(), message);
    }

    /**
     * The entries of a mapping, in the order written. Keys outside {@code allowedKeys} are reported, with a
     * did-you-mean suggestion, and left out; {@code allowedKeys == null} accepts any key. An absent field reads as
     * an empty mapping.
     */
    Map<String, Field> mapping(Field field, Collection<String> allowedKeys) {
        Map<String, Field> entries = new LinkedHashMap<>();
        if (field.isAbsent()) {
            return entries;
        }
        if (!(field.node() instanceof YamlMapping mapping)) {
            problem(field, "expected a mapping (key: value lines), got " + field.node().description());
            return null;
        }
        for (YamlEntry entry : mapping.entries()) {
            Field child = field.child(entry);
            if (allowedKeys != null && !allowedKeys.contains(entry.key())) {
                problemAtKey(child, unknownKey(entry.key(), allowedKeys));
            } else {
                entries.put(entry.key(), child);
            }
        }
        return entries;
    }

    /** The items of a list; an absent field reads as an empty list. */
    List<Field> list(Field field) {
        List<Field> items = new ArrayList<>();
        if (field.isAbsent()) {
            return items;
        }
        if (!(field.node() instanceof YamlSequence sequence)) {
            problem(field, "expected a list, got " + field.node().description());
            return null;
        }
        for (int i = 0; i < sequence.items().size(); i++) {
            items.add(field.item(i, sequence.items().get(i)));
        }
        return items;
    }

    /** A string, after {@code ${ENV}} interpolation. */
    ConfigText text(Field field) {
        if (field.isAbsent()) {
            return null;
        }
        if (!(field.node() instanceof YamlScalar scalar)) {
            problem(field, "expected a string, got " + field.node().description());
            return null;
        }
        if (scalar.type() != ScalarType.STRING) {
            return new ConfigText(scalar.text(), scalar.text());
        }
        Interpolation result = interpolator.interpolate(scalar.text());
        if (result.syntaxError() != null) {
            problem(field, result.syntaxError());
            return null;
        }
        for (String name : result.unsetVariables()) {
            problem(field, "environment variable " + name + " is not set (write ${" + name
                    + ":-default} to give a default)");
        }
        return result.ok() ? new ConfigText(result.value(), scalar.text()) : null;
    }

    Integer integer(Field field) {
        BigDecimal number = decimal(field, "a whole number");
        if (number == null) {
            return null;
        }
        if (number.stripTrailingZeros().scale() > 0) {
            problem(field, "expected a whole number, got " + quoted(field));
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            problem(field, "expected a whole number up to " + Integer.MAX_VALUE + ", got " + quoted(field));
            return null;
        }
    }

    Double number(Field field) {
        BigDecimal number = decimal(field, "a number");
        return number == null ? null : number.doubleValue();
    }

    Boolean bool(Field field) {
        ConfigText text = scalarText(field, "true or false");
        if (text == null) {
            return null;
        }
        return switch (text.value().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(field, "expected true or false, got " + text.quoted());
                yield null;
            }
        };
    }

    Duration duration(Field field) {
        ConfigText text = scalarText(field, "a duration");
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text.value());
        } catch (IllegalArgumentException e) {
            problem(field, e.getMessage() + ", got " + text.quoted());
            return null;
        }
    }

    Long byteSize(Field field) {
        ConfigText text = scalarText(field, "a size");
        if (text == null) {
            return null;
        }
        try {
            return ByteSizes.parse(text.value());
        } catch (IllegalArgumentException e) {
            problem(field, e.getMessage() + ", got " + text.quoted());
            return null;
        }
    }

    /** An absolute http or https URL, returned without a trailing slash so that paths can be appended. */
    String httpUrl(Field field) {
        ConfigText text = text(field);
        if (text == null) {
            return null;
        }
        String problem = HttpUrls.problem(text.value());
        if (problem != null) {
            problem(field, problem + ", got " + text.quoted());
            return null;
        }
        return HttpUrls.withoutTrailingSlash(text.value());
    }

    private BigDecimal decimal(Field field, String expected) {
        ConfigText text = scalarText(field, expected);
        if (text == null) {
            return null;
        }
        if (field.node() instanceof YamlScalar scalar && scalar.type() == ScalarType.BOOLEAN) {
            problem(field, "expected " + expected + ", got true/false");
            return null;
        }
        try {
            return new BigDecimal(text.value().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(field, "expected " + expected + ", got " + text.quoted());
            return null;
        }
    }

    /** The text of a scalar of any YAML type (numbers may also be written as strings, e.g. from {@code ${PORT}}). */
    private ConfigText scalarText(Field field, String expected) {
        if (!field.isAbsent() && !(field.node() instanceof YamlScalar)) {
            problem(field, "expected " + expected + ", got " + field.node().description());
            return null;
        }
        return text(field);
    }

    private static String quoted(Field field) {
        return field.node() instanceof YamlScalar scalar ? "'" + scalar.text() + "'" : field.node().description();
    }

    private static String unknownKey(String key, Collection<String> allowedKeys) {
        return Suggestions.closest(key, allowedKeys)
                .map(suggestion -> "unknown key '" + key + "', did you mean '" + suggestion + "'?")
                .orElse("unknown key '" + key + "' (expected one of: " + String.join(", ", allowedKeys) + ")");
    }
}
