package dev.detour.gateway.config;

import java.util.List;

/** A YAML list. */
record YamlSequence(List<YamlNode> items, SourcePosition position) implements YamlNode {

    YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String description() {
        return "a list";
    }
}
