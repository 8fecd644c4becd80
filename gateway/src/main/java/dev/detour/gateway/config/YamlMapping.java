package dev.detour.gateway.config;

import java.util.List;

/** A YAML mapping, its entries in the order written (duplicate keys already reported and dropped). */
record YamlMapping(List<YamlEntry> entries, SourcePosition position) implements YamlNode {

    YamlMapping {
        entries = List.copyOf(entries);
    }

    @Override
    public String description() {
        return "a mapping";
    }
}
