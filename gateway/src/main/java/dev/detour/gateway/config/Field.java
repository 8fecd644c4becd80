package dev.detour.gateway.config;

/**
 * A YAML node together with its field path ({@code routes.chat.tiers[1]}) and where its key was written,
 * which is where a "missing key" inside it is reported.
 */
record Field(YamlNode node, String path, SourcePosition keyPosition) {

    static Field root(YamlNode node) {
        return new Field(node, "", SourcePosition.START);
    }

    Field child(YamlEntry entry) {
        return new Field(entry.value(), childPath(path, entry.key()), entry.keyPosition());
    }

    Field item(int index, YamlNode item) {
        return new Field(item, itemPath(path, index), item.position());
    }

    /** Where a problem with this field's value is reported. */
    SourcePosition position() {
        return node.position();
    }

    boolean isAbsent() {
        return node instanceof YamlScalar scalar && scalar.isNull();
    }

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String itemPath(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
