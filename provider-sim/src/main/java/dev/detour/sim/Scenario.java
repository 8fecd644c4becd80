package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted run of the sim, read from YAML: per model an optional context window, a fault from the start,
 * and time windows in which a fault applies; the schedule may repeat every {@code loop}.
 */
public record Scenario(List<ModelPlan> models, Duration loop) {

    /** What one upstream model does over the scenario. */
    public record ModelPlan(String name, Integer contextWindow, Fault fault, List<Window> schedule) {
    }

    /** A fault that applies from {@code from} until {@code to} (null = until the end) after the scenario starts. */
    public record Window(Duration from, Duration to, Fault fault) {
    }

    public static Scenario load(Path file) throws IOException {
        try {
            return parse(new YAMLMapper().readTree(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static Scenario parse(String yaml) {
        try {
            return parse(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
    }

    static Scenario parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scenario is a mapping with a \"models\" list");
        }
        List<ModelPlan> models = new ArrayList<>();
        for (JsonNode m : root.path("models")) {
            String name = Json.text(m, "name");
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("models[" + models.size() + "]: needs a \"name\"");
            }
            try {
                Integer window = m.hasNonNull("contextWindow") ? m.get("contextWindow").asInt() : null;
                Fault fault = m.hasNonNull("fault") ? FaultJson.read(m.get("fault")) : null;
                List<Window> schedule = new ArrayList<>();
                for (JsonNode w : m.path("schedule")) {
                    if (!w.hasNonNull("from") || !w.hasNonNull("fault")) {
                        throw new IllegalArgumentException("schedule[" + schedule.size() + "]: needs \"from\" and \"fault\"");
                    }
                    Duration from = Durations.parse(w.get("from"));
                    Duration to = w.hasNonNull("to") ? Durations.parse(w.get("to")) : null;
                    if (to != null && to.compareTo(from) <= 0) {
                        throw new IllegalArgumentException("schedule[" + schedule.size() + "]: \"to\" must be after \"from\"");
                    }
                    schedule.add(new Window(from, to, FaultJson.read(w.get("fault"))));
                }
                models.add(new ModelPlan(name, window, fault, List.copyOf(schedule)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + name + ": " + e.getMessage(), e);
            }
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one entry under \"models\"");
        }
        Duration loop = root.hasNonNull("loop") ? Durations.parse(root.get("loop")) : null;
        if (loop != null && loop.isZero()) {
            throw new IllegalArgumentException("\"loop\" must be positive");
        }
        return new Scenario(List.copyOf(models), loop);
    }
}
