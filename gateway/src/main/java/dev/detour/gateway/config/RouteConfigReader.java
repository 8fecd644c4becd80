package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.routing.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code routes:} section. A route has {@code tiers} and an optional {@code strategy}. A tier is
 * {@code {targets: [...], first_token_timeout: 2s, idle_timeout: 30s, total_timeout: 60s}} ({@code timeout} is the
 * older name of {@code first_token_timeout}), or for short a list of targets, or a single target. A target is
 * {@code provider/model} or {@code {target: provider/model, weight: 3}}; it must name a configured provider and one
 * of its models.
 */
final class RouteConfigReader {

    static final List<String> ROUTE_KEYS = List.of("tiers", "strategy", "min_context_window", "on_context_overflow",
            "max_cost_usd", "languages_required", "consensus");
    static final List<String> CONSENSUS_KEYS = List.of("min_similarity", "max_calls");
    static final List<String> TIER_KEYS = List.of("targets", "timeout", "first_token_timeout", "idle_timeout",
            "total_timeout");
    static final List<String> TARGET_KEYS = List.of("target", "weight");

    private final FieldReader reader;
    private final Problems problems;
    private final KnownDeployments known;

    RouteConfigReader(FieldReader reader, Problems problems, KnownDeployments known) {
        this.reader = reader;
        this.problems = problems;
        this.known = known;
    }

    List<RouteConfig> readAll(Field routesField) {
        List<RouteConfig> routes = new ArrayList<>();
        var entries = reader.mapping(routesField, null);
        if (entries != null) {
            entries.forEach((name, field) -> {
                RouteConfig route = read(name, field);
                if (route != null) {
                    routes.add(route);
                }
            });
        }
        return routes;
    }

    private RouteConfig read(String name, Field field) {
        int problemsBefore = problems.count();
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            reader.problemAtKey(field, "a route name is what clients send as 'model': it cannot be empty or hold spaces");
        }
        var keys = reader.mapping(field, ROUTE_KEYS);
        if (keys == null) {
            return null;
        }
        Field tiersField = keys.get("tiers");
        if (tiersField == null || tiersField.isAbsent()) {
            reader.problemAtKey(field, "missing 'tiers' (a list of tiers, each a list of provider/model targets)");
            return null;
        }
        List<Field> tierFields = reader.list(tiersField);
        if (tierFields == null) {
            return null;
        }
        if (tierFields.isEmpty()) {
            reader.problem(tiersField, "a route needs at least one tier");
        }
        Strategy strategy = strategy(keys.get("strategy"));
        RouteTargets seen = new RouteTargets();
        List<TierConfig> tiers = new ArrayList<>();
        for (int i = 0; i < tierFields.size(); i++) {
            TierConfig tier = readTier(tierFields.get(i), i, seen);
            if (tier != null) {
                tiers.add(tier);
            }
        }
        RouteScreening screening = new RouteScreeningReader(reader).read(keys);
        ConsensusConfig consensus = consensus(keys.get("consensus"), tiers);
        return problems.count() > problemsBefore ? null : new RouteConfig(name, tiers, strategy, screening, consensus);
    }

    /** {@code consensus: {min_similarity: 0.8, max_calls: 3}} (or {@code consensus: {}} for the defaults). */
    private ConsensusConfig consensus(Field field, List<TierConfig> tiers) {
        if (field == null) {
            return null;
        }
        if (field.isAbsent()) {
            reader.problem(field, "expected a mapping such as {min_similarity: 0.8, max_calls: 3} ({} for the defaults)");
            return null;
        }
        Map<String, Field> keys = reader.mapping(field, CONSENSUS_KEYS);
        if (keys == null) {
            return null;
        }
        double minSimilarity = ConsensusConfig.DEFAULT_MIN_SIMILARITY;
        Field similarityField = keys.get("min_similarity");
        Double similarity = similarityField == null ? null : reader.number(similarityField);
        if (similarity != null && (similarity <= 0 || similarity > 1)) {
            reader.problem(similarityField, "must be more than 0 and at most 1, got " + similarity);
        } else if (similarity != null) {
            minSimilarity = similarity;
        }
        int maxCalls = ConsensusConfig.DEFAULT_MAX_CALLS;
        Field callsField = keys.get("max_calls");
        Integer calls = callsField == null ? null : reader.integer(callsField);
        if (calls != null && calls < 2) {
            reader.problem(callsField, "consensus needs at least 2 calls, got " + calls);
        } else if (calls != null) {
            maxCalls = calls;
        }
        long targets = tiers.stream().mapToLong(tier -> tier.targets().size()).sum();
        if (targets < 2) {
            reader.problemAtKey(field, "consensus needs at least 2 targets in the route's tiers, it has " + targets);
        }
        return new ConsensusConfig(minSimilarity, maxCalls);
    }

    private Strategy strategy(Field field) {
        if (field == null || field.isAbsent()) {
            return Strategy.PRIORITY;
        }
        ConfigText text = reader.text(field);
        if (text == null) {
            return Strategy.PRIORITY;
        }
        return Strategy.byConfigName(text.value().trim()).orElseGet(() -> {
            reader.problem(field, "unknown strategy " + text.quoted() + " (known: "
                    + String.join(", ", Arrays.stream(Strategy.values()).map(Strategy::configName).toList()) + ")");
            return Strategy.PRIORITY;
        });
    }

    private Duration limit(Field field) {
        if (field == null || field.isAbsent()) {
            return null;
        }
        Duration configured = reader.duration(field);
        if (configured != null && (configured.isZero() || configured.isNegative())) {
            reader.problem(field, "must be longer than 0");
            return null;
        }
        return configured;
    }

    private TierConfig readTier(Field field, int index, RouteTargets seen) {
        Duration timeout = TierTimeouts.defaultFor(index);
        Duration idleTimeout = null;
        Duration totalTimeout = null;
        List<Field> targetFields;
        switch (field.node()) {
            case YamlScalar scalar when !scalar.isNull() -> targetFields = List.of(field);
            case YamlSequence sequence -> targetFields = reader.list(field);
            case YamlMapping mapping -> {
                Map<String, Field> keys = reader.mapping(field, TIER_KEYS);
                Field targets = keys.get("targets");
                if (targets == null || targets.isAbsent()) {
                    reader.problemAtKey(field, "missing 'targets' (a list of provider/model)");
                    return null;
                }
                targetFields = targets.node() instanceof YamlScalar ? List.of(targets) : reader.list(targets);
                Field timeoutField = keys.get("timeout");
                Field firstTokenField = keys.get("first_token_timeout");
                if (timeoutField != null && firstTokenField != null) {
                    reader.problemAtKey(firstTokenField, "give either 'timeout' or 'first_token_timeout' (the same "
                            + "limit: time to the first token), not both");
                }
                Duration configured = limit(firstTokenField != null ? firstTokenField : timeoutField);
                if (configured != null) {
                    timeout = configured;
                }
                idleTimeout = limit(keys.get("idle_timeout"));
                totalTimeout = limit(keys.get("total_timeout"));
                if (totalTimeout != null && totalTimeout.compareTo(timeout) < 0) {
                    reader.problem(keys.get("total_timeout"), "must be at least the time to first token ("
                            + timeout.toMillis() + " ms)");
                }
            }
            default -> {
                reader.problem(field, "expected a tier: {targets: [provider/model, ...], timeout: 2s}, "
                        + "a list of provider/model, or one provider/model; got " + field.node().description());
                return null;
            }
        }
        if (targetFields == null) {
            return null;
        }
        if (targetFields.isEmpty()) {
            reader.problem(field, "a tier needs at least one target");
            return null;
        }
        List<DeploymentId> targets = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (Field targetField : targetFields) {
            Field idField = targetField;
            int weight = 1;
            if (targetField.node() instanceof YamlMapping) {
                Map<String, Field> keys = reader.mapping(targetField, TARGET_KEYS);
                idField = keys == null ? null : keys.get("target");
                if (idField == null) {
                    reader.problemAtKey(targetField, "missing 'target' (provider/model)");
                    continue;
                }
                Field weightField = keys.get("weight");
                Integer configured = weightField == null ? null : reader.integer(weightField);
                if (configured != null && (configured < 1 || configured > 1000)) {
                    reader.problem(weightField, "a weight is a whole number from 1 to 1000, got " + configured);
                } else if (configured != null) {
                    weight = configured;
                }
            }
            DeploymentId target = target(idField, seen);
            if (target != null) {
                targets.add(target);
                weights.add(weight);
            }
        }
        return new TierConfig(targets, timeout, idleTimeout, totalTimeout, weights);
    }

    private DeploymentId target(Field field, RouteTargets seen) {
        ConfigText text = reader.text(field);
        if (text == null) {
            if (field.isAbsent()) {
                reader.problem(field, "expected provider/model, got nothing");
            }
            return null;
        }
        DeploymentId id;
        try {
            id = DeploymentId.parse(text.value().trim());
        } catch (IllegalArgumentException e) {
            reader.problem(field, "expected provider/model, got " + text.quoted());
            return null;
        }
        // An interpolated target is shown as written (${...}), never as its value.
        boolean showParts = !text.isInterpolated();
        if (!known.hasProvider(id.provider())) {
            reader.problem(field, "unknown provider " + (showParts ? "'" + id.provider() + "'" : "in " + text.quoted())
                    + known(known.providerNames(), "no providers are configured"));
            return null;
        }
        Set<String> models = known.modelNames(id.provider());
        if (models != null && !models.contains(id.model())) {
            String hint = Suggestions.closest(id.model(), models).map(s -> ", did you mean '" + s + "'?").orElse("");
            reader.problem(field, "unknown model " + (showParts ? "'" + id.model() + "'" : "in " + text.quoted())
                    + " at provider '" + id.provider() + "'" + hint + known(models, "it has no models"));
            return null;
        }
        String clash = seen.add(id, showParts ? id.toString() : text.quoted(), field.path(), known.isEmbedding(id.provider(), id.model()));
        if (clash != null) {
            reader.problem(field, clash);
            return null;
        }
        return id;
    }

    private static String known(Set<String> names, String whenNone) {
        return names.isEmpty() ? " (" + whenNone + ")" : " (known: " + String.join(", ", names) + ")";
    }
}
