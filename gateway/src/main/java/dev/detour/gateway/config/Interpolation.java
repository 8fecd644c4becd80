package dev.detour.gateway.config;

import java.util.List;

/**
 * The outcome of interpolating one string: its value, the variables it needed that are not set, or a syntax error.
 * {@code value} is meaningful only when {@link #ok()}.
 */
record Interpolation(String value, List<String> unsetVariables, String syntaxError) {

    Interpolation {
        unsetVariables = List.copyOf(unsetVariables);
    }

    boolean ok() {
        return unsetVariables.isEmpty() && syntaxError == null;
    }
}
