package dev.detour.gateway.config;

/** One {@code key: value} pair of a YAML mapping, with where the key was written. */
record YamlEntry(String key, SourcePosition keyPosition, YamlNode value) {
}
