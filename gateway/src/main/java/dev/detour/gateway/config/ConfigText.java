package dev.detour.gateway.config;

/**
 * A string value from the config: {@code value} after {@code ${ENV}} interpolation, {@code raw} as written.
 * Error messages quote only {@link #quoted()}, the text as written, so a substituted secret never reaches a log.
 */
record ConfigText(String value, String raw) {

    String quoted() {
        return "'" + raw + "'";
    }

    boolean isInterpolated() {
        return !value.equals(raw);
    }
}
