package dev.detour.gateway.routing;

import dev.detour.gateway.health.HealthMonitor;
import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Health-aware tiered failover. For each request it asks the {@link CandidatePlanner} for an order (from the health
 * snapshot: no I/O, no lock), then tries candidates within their tier's limits and the request's overall cap, moving
 * on when a failure's class allows another provider. Every real call's outcome goes to the {@link HealthMonitor};
 * every move from a failed deployment to another is a {@link FailoverEvent}. Failures the client must see (its own
 * bad request, a content-policy refusal) end the search at once.
 */
public final class FailoverExecutor implements AutoCloseable {

    private static final String UNSUPPORTED = "unsupported_parameter";
    /** The pause before the one quick retry on the same provider: short, jittered so retries do not line up. */
    private static final long QUICK_RETRY_MIN_MILLIS = 20;
    private static final long QUICK_RETRY_JITTER_MILLIS = 40;

    /** Rings attempt alarms; one platform thread, since it only ever interrupts. */
    private final ScheduledThreadPoolExecutor timer = alarmTimer();
    private final HealthMonitor health;
    private final CandidatePlanner planner;
    private final FailoverEventSink events;
    private final RoutingLimits limits;

    public FailoverExecutor(HealthMonitor health, CandidatePlanner planner, FailoverEventSink events,
                            RoutingLimits limits) {
        this.health = health;
        this.planner = planner;
        this.events = events;
        this.limits = limits;
    }

    private static ScheduledThreadPoolExecutor alarmTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("detour-attempt-alarm").daemon().factory());
        // Almost every alarm is cancelled; without this the cancelled ones would pile up until their time came.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** The order one request of {@code route} would try its deployments in now (also what the benchmark times). */
    public CandidatePlan plan(Route route) {
        return planner.plan(route, health.snapshot(), System.nanoTime());
    }

    /**
     * Calls {@code attempt} on each candidate until one returns. The attempt runs on the caller's own (virtual)
     * thread; an alarm interrupts it at the tier's timeout so that a silent provider is abandoned.
     */
    public <T> Answer<T> call(Route route, Function<DeploymentId, T> attempt) {
        RequestJourney journey = new RequestJourney(route, events, limits.requestTimeout());
        CandidatePlan plan = plan(route);
        Candidate refused = null;
        for (Candidate candidate : plan.candidates()) {
            if (health.tryAcquire(candidate.deployment())) {
                Answer<T> answer = callWithOneQuickRetry(journey, candidate, attempt);
                if (answer != null) {
                    return answer;
                }
            } else if (refused == null) {
                refused = candidate;
            }
        }
        Candidate lastResort = lastResort(plan, refused, journey);
        if (lastResort != null) {
            Answer<T> answer = callOnce(journey, lastResort, attempt);
            if (answer != null) {
                return answer;
            }
        }
        throw exhausted(journey, plan);
    }

    private <T> Answer<T> callWithOneQuickRetry(RequestJourney journey, Candidate candidate,
                                                Function<DeploymentId, T> attempt) {
        Answer<T> answer = callOnce(journey, candidate, attempt);
        if (answer == null && quickRetryAllowed(journey, candidate) && health.tryAcquire(candidate.deployment())) {
            answer = callOnce(journey, candidate, attempt);
        }
        return answer;
    }

    private <T> Answer<T> callOnce(RequestJourney journey, Candidate candidate, Function<DeploymentId, T> attempt) {
        DeploymentId deployment = candidate.deployment();
        Duration limit = journey.limit(candidate.tier().timeout(), candidate.tier().totalTimeout());
        if (limit.isZero()) {
            health.release(deployment);
            throw journey.giveUp(journey.requestTimedOut());
        }
        journey.starting(deployment);
        long started = System.nanoTime();
        AttemptAlarm alarm = new AttemptAlarm(timer, limit);
        ProviderException failure;
        try {
            T value = attempt.apply(deployment);
            alarm.disarm();
            Duration took = since(started);
            health.succeeded(deployment, took, took);
            journey.succeeded(deployment, took);
            return new Answer<>(value, deployment, journey.attempts());
        } catch (RuntimeException e) {
            boolean timedOut = alarm.disarm();
            failure = timedOut ? timeout(deployment, limit) : asProviderFailure(e);
        }
        afterFailure(journey, deployment, started, failure);
        return null;
    }

    /**
     * Starts a stream on each candidate until one produces its first event (a delta or a proper end) within the
     * tier's time to first token. Nothing has been written to the client when this returns, so failover stays
     * invisible.
     */
    public StreamStart stream(Route route, BiFunction<DeploymentId, StreamListener, StreamHandle> start) {
        RequestJourney journey = new RequestJourney(route, events, limits.requestTimeout());
        CandidatePlan plan = plan(route);
        Candidate refused = null;
        for (Candidate candidate : plan.candidates()) {
            if (health.tryAcquire(candidate.deployment())) {
                StreamStart started = streamOnce(journey, candidate, start);
                if (started == null && quickRetryAllowed(journey, candidate)
                        && health.tryAcquire(candidate.deployment())) {
                    started = streamOnce(journey, candidate, start);
                }
                if (started != null) {
                    return started;
                }
            } else if (refused == null) {
                refused = candidate;
            }
        }
        Candidate lastResort = lastResort(plan, refused, journey);
        if (lastResort != null) {
            StreamStart started = streamOnce(journey, lastResort, start);
            if (started != null) {
                return started;
            }
        }
        throw exhausted(journey, plan);
    }

    private StreamStart streamOnce(RequestJourney journey, Candidate candidate,
                                   BiFunction<DeploymentId, StreamListener, StreamHandle> start) {
        DeploymentId deployment = candidate.deployment();
        Tier tier = candidate.tier();
        Duration firstTokenLimit = journey.limit(tier.firstTokenTimeout(), tier.totalTimeout());
        if (firstTokenLimit.isZero()) {
            health.release(deployment);
            throw journey.giveUp(journey.requestTimedOut());
        }
        journey.starting(deployment);
        long started = System.nanoTime();
        StreamRelay relay = new StreamRelay();
        ProviderException failure;
        try {
            relay.attach(start.apply(deployment, relay));
            StreamEvent first = relay.next(firstTokenLimit);
            if (first instanceof StreamEvent.Failed failed) {
                failure = failed.failure();
            } else if (first == null) {
                failure = timeout(deployment, firstTokenLimit);
            } else {
                Duration firstToken = since(started);
                journey.succeeded(deployment, firstToken);
                long deadline = tier.totalTimeout() == null ? journey.deadlineNanos()
                        : Math.min(journey.deadlineNanos(), started + tier.totalTimeout().toNanos());
                Duration idle = tier.idleTimeout() != null ? tier.idleTimeout() : limits.idleTimeout();
                return new StreamStart(deployment, journey.attempts(), first, relay, idle, deadline,
                        new StreamHealthReport(health, deployment, started, firstToken));
            }
        } catch (ProviderException e) {
            failure = e;
        } catch (InterruptedException e) {
            relay.abandon();
            health.release(deployment);
            Thread.currentThread().interrupt();
            throw journey.giveUp(new ProviderException(FailureClass.TIMEOUT, "request abandoned"));
        } catch (RuntimeException e) {
            failure = asProviderFailure(e);
        }
        relay.abandon();
        afterFailure(journey, deployment, started, failure);
        return null;
    }

    private void afterFailure(RequestJourney journey, DeploymentId deployment, long started, ProviderException failure) {
        Duration took = since(started);
        health.failed(deployment, failure, took);
        journey.failed(deployment, started, took, failure);
        // A parameter one provider cannot honour may suit the next one, so only a genuine refusal stops here.
        if (!failure.failureClass().triesAnotherProvider() && !UNSUPPORTED.equals(failure.code())) {
            throw new RoutingException(journey.route().name(), journey.attempts(), failure);
        }
        if (journey.outOfTime()) {
            throw journey.giveUp(journey.requestTimedOut());
        }
    }

    /**
     * One quick retry on the same provider, only for what is usually a blip (a plain 500, a reset connection) and
     * only after its first attempt; never for a timeout (a silent provider is not asked twice), a context too long
     * or a content refusal (the same model would answer the same).
     */
    private static boolean quickRetryAllowed(RequestJourney journey, Candidate candidate) {
        Attempt last = journey.attempts().getLast();
        if (journey.attemptsOn(candidate.deployment()) != 1 || !isBlip(last.failure())) {
            return false;
        }
        long pause = QUICK_RETRY_MIN_MILLIS + ThreadLocalRandom.current().nextLong(QUICK_RETRY_JITTER_MILLIS);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !journey.outOfTime();
    }

    static boolean isBlip(ProviderException failure) {
        return switch (failure.failureClass()) {
            case OVERLOADED -> failure.upstreamStatus() == 500;
            case TRANSPORT -> !refused(failure);
            default -> false;
        };
    }

    /** A refused connection or an unknown host will not be different 50 ms later; a reset often is. */
    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Never black-hole: when no ready candidate answered, the least bad open circuit gets one try. Failing that
     * (the snapshot did not show the circuit open yet, or its probes were all taken), the first candidate whose
     * circuit refused, unless it is cooling down after a 429.
     */
    private Candidate lastResort(CandidatePlan plan, Candidate refused, RequestJourney journey) {
        Candidate lastResort = plan.lastResort();
        if (lastResort == null && refused != null && !health.coolingDown(refused.deployment())) {
            lastResort = refused;
        }
        if (lastResort == null || journey.attemptsOn(lastResort.deployment()) > 0 || journey.outOfTime()) {
            return null;
        }
        return lastResort;
    }

    private RoutingException exhausted(RequestJourney journey, CandidatePlan plan) {
        var attempts = journey.attempts();
        if (attempts.isEmpty()) {
            long cooling = plan.coolingNanos() > 0 ? plan.coolingNanos() : shortestLiveCooldown(journey.route());
            if (cooling > 0) {
                // Everything asked us to wait: say so with the shortest wait, rather than call a provider early.
                Duration wait = Duration.ofNanos(cooling);
                return journey.giveUp(new ProviderException(FailureClass.RATE_LIMITED, 0,
                        "every provider of route '" + journey.route().name() + "' is rate limited; retry after "
                                + wait.toMillis() + " ms", wait, "rate_limit_exceeded", null, null));
            }
            return journey.giveUp(null);
        }
        // When every candidate refused a parameter, that refusal is the honest answer; otherwise the last failure.
        boolean allUnsupported = attempts.stream().allMatch(a -> UNSUPPORTED.equals(a.failure().code()));
        ProviderException decisive = allUnsupported ? attempts.getFirst().failure() : attempts.getLast().failure();
        return journey.giveUp(decisive);
    }

    /** When the snapshot had not caught up with a fresh 429 yet: the live cool-downs of the route's deployments. */
    private long shortestLiveCooldown(Route route) {
        long shortest = 0;
        for (Tier tier : route.tiers()) {
            for (DeploymentId deployment : tier.deployments()) {
                long left = health.coolingNanos(deployment);
                if (left > 0 && (shortest == 0 || left < shortest)) {
                    shortest = left;
                }
            }
        }
        return shortest;
    }

    private static ProviderException timeout(DeploymentId deployment, Duration limit) {
        return new ProviderException(FailureClass.TIMEOUT, 0,
                deployment + " did not answer within " + limit.toMillis() + " ms", null, "upstream_timeout", null, null);
    }

    private static ProviderException asProviderFailure(Throwable cause) {
        if (cause instanceof ProviderException failure) {
            return failure;
        }
        // An adapter bug must not take the request down with it: treat it as a bad upstream answer and move on.
        return new ProviderException(FailureClass.BAD_RESPONSE, 0, "provider adapter failed (" + cause.getClass().getSimpleName() + ")", null,
                null, null, cause);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
