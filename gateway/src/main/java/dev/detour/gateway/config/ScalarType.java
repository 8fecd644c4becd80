package dev.detour.gateway.config;

/** What YAML resolved a plain scalar to; quoted scalars are always {@link #STRING}. */
enum ScalarType {
    STRING("a string"),
    INTEGER("a whole number"),
    DECIMAL("a number"),
    BOOLEAN("true/false"),
    NULL("nothing (null)");

    private final String description;

    ScalarType(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
