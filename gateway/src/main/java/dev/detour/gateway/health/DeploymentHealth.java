package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live health of one deployment: its circuit breaker (resilience4j, time-based window), its 429 cool-down,
 * and the outcome counts and latencies of its calls. Every method a request calls is lock-free.
 */
final class DeploymentHealth {

    private final DeploymentId id;
    private final HealthPolicy policy;
    private final CircuitBreaker breaker;
    private final RateLimitCooldown cooldown;
    private final OutcomeWindow outcomes;
    private final OutcomeWindow checks;
    private final LatencyWindow total;
    private final LatencyWindow firstToken;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile long probeAtNanos;
    private volatile LatencyWindow.Percentiles totalPercentiles = LatencyWindow.Percentiles.NONE;
    private volatile LatencyWindow.Percentiles firstTokenPercentiles = LatencyWindow.Percentiles.NONE;

    DeploymentHealth(DeploymentId id, HealthPolicy policy, Runnable onChange) {
        this.id = id;
        this.policy = policy;
        int windowSeconds = (int) policy.window().toSeconds();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(windowSeconds)
                .minimumNumberOfCalls(policy.minimumCalls())
                .failureRateThreshold(policy.failureRateThreshold())
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.halfOpenProbes())
                // A probe that never reports (a bug, a lost stream) must not hold the circuit half-open for ever.
                .maxWaitDurationInHalfOpenState(policy.openDuration().plus(policy.window()))
                .recordException(t -> t instanceof ProviderException p
                        && FailureWeight.countsAgainstDeployment(p.failureClass()))
                // Without this, resilience4j would count the others as successes: they are neither.
                .ignoreException(t -> t instanceof ProviderException p
                        && !FailureWeight.countsAgainstDeployment(p.failureClass()))
                .writableStackTraceEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of(id.toString(), config);
        this.breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                probeAtNanos = System.nanoTime() + policy.openDuration().toNanos();
            }
            onChange.run();
        });
        this.cooldown = new RateLimitCooldown(policy.rateLimitCooldown(), policy.maxCooldown());
        this.outcomes = new OutcomeWindow(windowSeconds);
        this.checks = new OutcomeWindow(windowSeconds);
        this.total = new LatencyWindow(policy.window().toMillis());
        this.firstToken = new LatencyWindow(policy.window().toMillis());
    }

    /** Asks for a call: false while cooling down after a 429, or while the circuit refuses (open, probes taken). */
    boolean tryAcquire(long nowNanos) {
        return !cooldown.cooling(nowNanos) && breaker.tryAcquirePermission();
    }

    boolean coolingDown(long nowNanos) {
        return cooldown.cooling(nowNanos);
    }

    long coolingNanos(long nowNanos) {
        return cooldown.remainingNanos(nowNanos);
    }

    /** Gives back a permission that was not used for a call with an outcome. */
    void release() {
        breaker.releasePermission();
    }

    void succeeded(long totalMicros, long firstTokenMicros) {
        breaker.onSuccess(totalMicros, TimeUnit.MICROSECONDS);
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
        cooldown.succeeded();
        outcomes.record(System.currentTimeMillis(), null);
        total.record(totalMicros);
        firstToken.record(firstTokenMicros);
    }

    /** Records a failure; returns the cool-down it started (a 429), or null. */
    Duration failed(ProviderException failure, long elapsedMicros) {
        breaker.onError(elapsedMicros, TimeUnit.MICROSECONDS, failure);
        outcomes.record(System.currentTimeMillis(), failure.failureClass());
        if (FailureWeight.countsAgainstDeployment(failure.failureClass()) && policy.consecutiveFailures() > 0
                && failuresInARow.incrementAndGet() >= policy.consecutiveFailures()
                && breaker.getState() == CircuitBreaker.State.CLOSED) {
            // The window's rate may lag behind a busy minute of successes; this many failures in a row do not.
            failuresInARow.set(0);
            breaker.transitionToOpenState();
        }
        if (failure.failureClass() == FailureClass.RATE_LIMITED) {
            return cooldown.rateLimited(System.nanoTime(), failure.retryAfter());
        }
        return null;
    }

    /** An active check's outcome: kept apart from real traffic, so it neither opens nor closes the circuit. */
    void checked(FailureClass failure) {
        checks.record(System.currentTimeMillis(), failure);
    }

    /** Whether any real call happened inside the window. */
    boolean hadTraffic(long nowMillis) {
        return outcomes.read(nowMillis).total() > 0;
    }

    /** Moves recorded latencies into the window; the publisher's thread only. */
    void roll(long nowMillis) {
        totalPercentiles = total.roll(nowMillis);
        firstTokenPercentiles = firstToken.roll(nowMillis);
    }

    DeploymentStatus status(long nowMillis, long nowNanos) {
        CircuitState state = switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
        long coolingLeft = cooldown.remainingNanos(nowNanos);
        if (coolingLeft > 0 && state != CircuitState.OPEN) {
            state = CircuitState.COOLING;
        }
        OutcomeWindow.Counts counts = outcomes.read(nowMillis);
        OutcomeWindow.Counts checked = checks.read(nowMillis);
        LatencyWindow.Percentiles t = totalPercentiles;
        LatencyWindow.Percentiles f = firstTokenPercentiles;
        return new DeploymentStatus(id, state, breaker.getMetrics().getFailureRate(),
                counts.total(), DeploymentStatus.named(counts.successes(), counts.failures()),
                DeploymentStatus.named(checked.successes(), checked.failures()),
                t.p50Millis(), t.p99Millis(), f.p50Millis(), f.p99Millis(),
                probeAtNanos, nowNanos + coolingLeft, TimeUnit.NANOSECONDS.toMillis(coolingLeft));
    }

    void reset() {
        breaker.reset();
        failuresInARow.set(0);
        cooldown.clear();
        outcomes.clear();
        checks.clear();
        total.clear();
        firstToken.clear();
        totalPercentiles = LatencyWindow.Percentiles.NONE;
        firstTokenPercentiles = LatencyWindow.Percentiles.NONE;
    }

    HealthPolicy policy() {
        return policy;
    }
}
