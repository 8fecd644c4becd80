package dev.detour.gateway.config;

/** A YAML scalar as written (before any {@code ${ENV}} interpolation). */
record YamlScalar(String text, ScalarType type, SourcePosition position) implements YamlNode {

    boolean isNull() {
        return type == ScalarType.NULL;
    }

    @Override
    public String description() {
        return type.description();
    }
}
