package dev.detour.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one load, so a user sees all of them at once rather than one per restart. */
final class Problems {

    private final String source;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    void add(SourcePosition position, String path, String message) {
        found.add(new ConfigProblem(source, position, path, message));
    }

    /** How many problems so far; a reader compares counts to know whether its part was clean. */
    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(List.copyOf(found));
        }
    }
}
