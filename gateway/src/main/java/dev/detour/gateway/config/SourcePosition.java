package dev.detour.gateway.config;

/** A place in a YAML source, 1-based, as people count lines and columns in an editor. */
public record SourcePosition(int line, int column) {

    public static final SourcePosition START = new SourcePosition(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
