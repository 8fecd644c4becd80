package dev.detour.gateway.config;

import dev.detour.gateway.providers.DeploymentId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code routes:} section. A tier is {@code {targets: [...], timeout: 2s}}, or for short a list of
 * targets, or a single target; every target must name a configured provider and one of its models.
 */
final class RouteConfigReader {

    static final List<String> ROUTE_KEYS = List.of("tiers", "min_context_window", "on_context_overflow",
            "max_cost_usd", "languages_required", "consensus");
    static final List<String> CONSENSUS_KEYS = List.of("min_similarity", "max_calls");
    static final List<String> TIER_KEYS = List.of("targets", "timeout");

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
        return problems.count() > problemsBefore ? null : new RouteConfig(name, tiers, screening, consensus);
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

    private TierConfig readTier(Field field, int index, RouteTargets seen) {
        Duration timeout = TierTimeouts.defaultFor(index);
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
                Duration configured = timeoutField == null ? null : reader.duration(timeoutField);
                if (configured != null && (configured.isZero() || configured.isNegative())) {
                    reader.problem(timeoutField, "must be longer than 0");
                } else if (configured != null) {
                    timeout = configured;
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
        for (Field targetField : targetFields) {
            DeploymentId target = target(targetField, seen);
            if (target != null) {
                targets.add(target);
            }
        }
        return new TierConfig(targets, timeout);
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
