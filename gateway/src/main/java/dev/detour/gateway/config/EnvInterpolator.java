package dev.detour.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config strings with environment variables;
 * {@code $${} writes a literal {@code ${}. As in the shell, {@code :-} also applies when the variable is empty.
 */
final class EnvInterpolator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> env;

    EnvInterpolator(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Interpolation interpolate(String raw) {
        if (!raw.contains("${")) {
            return new Interpolation(raw, List.of(), null);
        }
        StringBuilder out = new StringBuilder(raw.length());
        List<String> unset = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!raw.startsWith("${", i)) {
                out.append(raw.charAt(i++));
                continue;
            }
            int end = raw.indexOf('}', i + 2);
            if (end < 0) {
                return new Interpolation(null, unset, "'${' without a closing '}' (write '$${' for a literal '${')");
            }
            String inside = raw.substring(i + 2, end);
            int dash = inside.indexOf(":-");
            String name = dash < 0 ? inside : inside.substring(0, dash);
            if (!NAME.matcher(name).matches()) {
                return new Interpolation(null, unset,
                        "'${" + inside + "}' is not ${NAME} or ${NAME:-default} (names: letters, digits, '_')");
            }
            String value = env.get(name);
            if (dash >= 0 && (value == null || value.isEmpty())) {
                value = inside.substring(dash + 2);
            }
            if (value == null) {
                unset.add(name);
            } else {
                out.append(value);
            }
            i = end + 1;
        }
        return new Interpolation(out.toString(), unset, null);
    }
}
