package dev.detour.gateway.config;

import dev.detour.gateway.health.HealthPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reads the {@code routing:} section; every key is optional and defaults to {@link RoutingConfig#DEFAULTS}. */
final class RoutingConfigReader {

    static final List<String> KEYS = List.of("request_timeout", "idle_timeout", "health");
    static final List<String> HEALTH_KEYS = List.of("window", "failure_rate_threshold", "minimum_calls",
            "consecutive_failures", "open_duration", "half_open_probes", "rate_limit_cooldown", "max_cooldown", "probe_share",
            "active_checks");

    private final FieldReader reader;

    RoutingConfigReader(FieldReader reader) {
        this.reader = reader;
    }

    RoutingConfig read(Field field) {
        RoutingConfig defaults = RoutingConfig.DEFAULTS;
        Map<String, Field> keys = field == null ? null : reader.mapping(field, KEYS);
        if (keys == null) {
            return defaults;
        }
        Duration requestTimeout = positive(keys.get("request_timeout"), defaults.requestTimeout());
        Duration idleTimeout = positive(keys.get("idle_timeout"), defaults.idleTimeout());
        return new RoutingConfig(requestTimeout, idleTimeout, health(keys.get("health")));
    }

    private HealthPolicy health(Field field) {
        HealthPolicy d = HealthPolicy.DEFAULTS;
        Map<String, Field> keys = field == null ? null : reader.mapping(field, HEALTH_KEYS);
        if (keys == null) {
            return d;
        }
        Duration window = positive(keys.get("window"), d.window());
        if (window.toMillis() < 1000 || window.toMillis() % 1000 != 0) {
            reader.problem(keys.get("window"), "the health window is a whole number of seconds, at least 1s");
            window = d.window();
        }
        float threshold = (float) range(keys.get("failure_rate_threshold"), d.failureRateThreshold(), 0, 100,
                "a percentage of failed calls, more than 0 and at most 100 (such as 15)");
        int minimumCalls = count(keys.get("minimum_calls"), d.minimumCalls(), "a number of calls, at least 1");
        int consecutive = keys.get("consecutive_failures") == null ? d.consecutiveFailures()
                : count0(keys.get("consecutive_failures"), d.consecutiveFailures());
        Duration openDuration = positive(keys.get("open_duration"), d.openDuration());
        int probes = count(keys.get("half_open_probes"), d.halfOpenProbes(), "a number of probe calls, at least 1");
        Duration cooldown = positive(keys.get("rate_limit_cooldown"), d.rateLimitCooldown());
        Duration maxCooldown = positive(keys.get("max_cooldown"), d.maxCooldown());
        if (maxCooldown.compareTo(cooldown) < 0) {
            reader.problem(keys.get("max_cooldown"), "must be at least rate_limit_cooldown (" + cooldown.toMillis() + " ms)");
        }
        double probeShare = keys.get("probe_share") == null ? d.probeShare() : share(keys.get("probe_share"), d.probeShare());
        Duration activeChecks = activeChecks(keys.get("active_checks"));
        return new HealthPolicy(window, threshold, minimumCalls, consecutive, openDuration, probes, cooldown, maxCooldown,
                probeShare, activeChecks);
    }

    /** {@code active_checks: off} (the default) or an interval such as {@code 30s}. */
    private Duration activeChecks(Field field) {
        if (field == null || field.isAbsent()) {
            return null;
        }
        if (field.node() instanceof YamlScalar scalar && !scalar.isNull()) {
            ConfigText text = reader.text(field);
            if (text != null && (text.value().equals("off") || text.value().equals("false"))) {
                return null;
            }
        }
        return positive(field, null);
    }

    private Duration positive(Field field, Duration fallback) {
        if (field == null || field.isAbsent()) {
            return fallback;
        }
        Duration value = reader.duration(field);
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            reader.problem(field, "must be longer than 0");
            return fallback;
        }
        return value;
    }

    private double range(Field field, double fallback, double min, double max, String expected) {
        if (field == null || field.isAbsent()) {
            return fallback;
        }
        Double value = reader.number(field);
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max || (min == 0 && value == 0)) {
            reader.problem(field, "expected " + expected + ", got " + value);
            return fallback;
        }
        return value;
    }

    private int count(Field field, int fallback, String expected) {
        if (field == null || field.isAbsent()) {
            return fallback;
        }
        Integer value = reader.integer(field);
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            reader.problem(field, "expected " + expected + ", got " + value);
            return fallback;
        }
        return value;
    }

    private int count0(Field field, int fallback) {
        Integer value = reader.integer(field);
        if (value == null) {
            return fallback;
        }
        if (value < 0) {
            reader.problem(field, "expected a number of failures in a row (0 turns this off), got " + value);
            return fallback;
        }
        return value;
    }

    private double share(Field field, double fallback) {
        Double value = reader.number(field);
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value >= 0.5) {
            reader.problem(field, "expected a share of traffic from 0 (none) to below 0.5, such as 0.02, got " + value);
            return fallback;
        }
        return value;
    }
}
