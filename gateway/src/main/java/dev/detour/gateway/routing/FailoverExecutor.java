package dev.detour.gateway.routing;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.FailureClass;
import dev.detour.gateway.providers.ProviderException;
import dev.detour.gateway.providers.StreamHandle;
import dev.detour.gateway.providers.StreamListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Plain tiered failover: tries a route's deployments tier by tier, each within its tier's timeout, and moves on
 * when a failure's class allows another provider to be tried. Failures the client must see (its own bad request,
 * a content-policy refusal) end the search at once.
 */
public final class FailoverExecutor implements AutoCloseable {

    private static final String UNSUPPORTED = "unsupported_parameter";

    /** Rings attempt alarms; one platform thread, since it only ever interrupts. */
    private final ScheduledThreadPoolExecutor timer = alarmTimer();

    private static ScheduledThreadPoolExecutor alarmTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("detour-attempt-alarm").daemon().factory());
        // Almost every alarm is cancelled; without this the cancelled ones would pile up until their time came.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /**
     * Calls {@code attempt} on each candidate until one returns. The attempt runs on the caller's own (virtual)
     * thread; an alarm interrupts it at the tier's timeout so that a silent provider is abandoned.
     */
    public <T> Answer<T> call(Route route, Function<DeploymentId, T> attempt) {
        List<Attempt> attempts = new ArrayList<>();
        for (Tier tier : route.tiers()) {
            for (DeploymentId deployment : tier.deployments()) {
                long started = System.nanoTime();
                AttemptAlarm alarm = new AttemptAlarm(timer, tier.timeout());
                ProviderException failure;
                try {
                    T value = attempt.apply(deployment);
                    alarm.disarm();
                    attempts.add(new Attempt(deployment, since(started), null));
                    return new Answer<>(value, deployment, attempts);
                } catch (RuntimeException e) {
                    boolean timedOut = alarm.disarm();
                    failure = timedOut ? timeout(deployment, tier.timeout()) : asProviderFailure(e);
                }
                attempts.add(new Attempt(deployment, since(started), failure));
                stopIfClientFacing(route, attempts, failure);
            }
        }
        throw exhausted(route, attempts);
    }

    /**
     * Starts a stream on each candidate until one produces its first event (a delta or a proper end) within the
     * tier's timeout. Nothing has been written to the client when this returns, so failover stays invisible.
     */
    public StreamStart stream(Route route, BiFunction<DeploymentId, StreamListener, StreamHandle> start) {
        List<Attempt> attempts = new ArrayList<>();
        for (Tier tier : route.tiers()) {
            for (DeploymentId deployment : tier.deployments()) {
                long started = System.nanoTime();
                StreamRelay relay = new StreamRelay();
                ProviderException failure;
                try {
                    relay.attach(start.apply(deployment, relay));
                    StreamEvent first = relay.next(tier.timeout());
                    if (first instanceof StreamEvent.Failed failed) {
                        failure = failed.failure();
                    } else if (first == null) {
                        failure = timeout(deployment, tier.timeout());
                    } else {
                        attempts.add(new Attempt(deployment, since(started), null));
                        return new StreamStart(deployment, attempts, first, relay);
                    }
                } catch (ProviderException e) {
                    failure = e;
                } catch (InterruptedException e) {
                    relay.abandon();
                    Thread.currentThread().interrupt();
                    throw new RoutingException(route.name(), attempts,
                            new ProviderException(FailureClass.TIMEOUT, "request abandoned"));
                } catch (RuntimeException e) {
                    failure = asProviderFailure(e);
                }
                relay.abandon();
                attempts.add(new Attempt(deployment, since(started), failure));
                stopIfClientFacing(route, attempts, failure);
            }
        }
        throw exhausted(route, attempts);
    }

    private static void stopIfClientFacing(Route route, List<Attempt> attempts, ProviderException failure) {
        // A parameter one provider cannot honour may suit the next one, so only a genuine refusal stops here.
        if (!failure.failureClass().triesAnotherProvider() && !UNSUPPORTED.equals(failure.code())) {
            throw new RoutingException(route.name(), attempts, failure);
        }
    }

    private static RoutingException exhausted(Route route, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return new RoutingException(route.name(), attempts, null);
        }
        // When every candidate refused a parameter, that refusal is the honest answer; otherwise the last failure.
        boolean allUnsupported = attempts.stream().allMatch(a -> UNSUPPORTED.equals(a.failure().code()));
        ProviderException decisive = allUnsupported ? attempts.getFirst().failure() : attempts.getLast().failure();
        return new RoutingException(route.name(), attempts, decisive);
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
