package dev.detour.gateway.config;

/**
 * One thing wrong with the configuration, located as precisely as known: the source (a file, or
 * {@code environment}), the line and column, and the field path such as {@code routes.chat.tiers[1].targets[0]}.
 */
public record ConfigProblem(String source, SourcePosition position, String path, String message) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(source);
        if (position != null) {
            text.append(':').append(position.line()).append(':').append(position.column());
        }
        text.append(": ");
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }
}
