package dev.detour.gateway.config;

/** A node of a parsed YAML document that remembers where it was written, so errors can point at it. */
sealed interface YamlNode permits YamlScalar, YamlMapping, YamlSequence {

    SourcePosition position();

    /** How this node is called in an error message ("a list", "a mapping", "a number"...). */
    String description();
}
