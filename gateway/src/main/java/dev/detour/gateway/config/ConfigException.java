package dev.detour.gateway.config;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; the message lists every problem found, one a line, in source order. */
public final class ConfigException extends RuntimeException {

    private static final Comparator<ConfigProblem> SOURCE_ORDER = Comparator
            .comparing((ConfigProblem p) -> p.position() == null ? 0 : p.position().line())
            .thenComparing(p -> p.position() == null ? 0 : p.position().column());

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = problems.stream().sorted(SOURCE_ORDER).toList();
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order they appear in the source. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems.stream().sorted(SOURCE_ORDER).map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
