package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The health of every deployment, from the outcome of every real call. Requests report outcomes and ask for
 * permission (lock-free); routing reads the published {@link HealthSnapshot}, which one publisher thread rebuilds
 * when a circuit or cool-down changes and on every tick (latency percentiles, window expiry).
 */
public final class HealthMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    /** How often percentiles and windows are refreshed even when nothing changed state. */
    static final Duration TICK = Duration.ofMillis(500);

    private final HealthPolicy policy;
    private final Map<DeploymentId, DeploymentHealth> deployments = new ConcurrentHashMap<>();
    private final AtomicReference<HealthSnapshot> current = new AtomicReference<>(HealthSnapshot.EMPTY);
    private final AtomicLong versions = new AtomicLong();
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final List<Consumer<HealthSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService publisher;

    public HealthMonitor(HealthPolicy policy, Collection<DeploymentId> known) {
        this.policy = policy;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("detour-health-publisher").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        this.publisher = executor;
        known.forEach(this::health);
        publish();
        publisher.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HealthPolicy policy() {
        return policy;
    }

    /** The latest published health of every deployment: a plain read, for the hot path. */
    public HealthSnapshot snapshot() {
        return current.get();
    }

    /** Asks to call {@code deployment}: false while it cools down after a 429 or its circuit refuses. */
    public boolean tryAcquire(DeploymentId deployment) {
        return health(deployment).tryAcquire(System.nanoTime());
    }

    /** Whether the deployment is cooling down after a 429 right now (a live read, not the snapshot). */
    public boolean coolingDown(DeploymentId deployment) {
        return health(deployment).coolingDown(System.nanoTime());
    }

    /** The cool-down the deployment has left right now, in nanoseconds (0: none). */
    public long coolingNanos(DeploymentId deployment) {
        return health(deployment).coolingNanos(System.nanoTime());
    }

    /** Gives back a permission from {@link #tryAcquire} that ended without an outcome (the client left). */
    public void release(DeploymentId deployment) {
        health(deployment).release();
    }

    /** A real call answered: its total time and its time to first token. */
    public void succeeded(DeploymentId deployment, Duration total, Duration firstToken) {
        health(deployment).succeeded(micros(total), micros(firstToken));
    }

    /** A real call failed; a 429 starts a cool-down (its length is returned), other classes may open the circuit. */
    public Duration failed(DeploymentId deployment, ProviderException failure, Duration elapsed) {
        Duration cooldown = health(deployment).failed(failure, micros(elapsed));
        if (cooldown != null) {
            log.info("{} is rate limited: cooling down for {} ms", deployment, cooldown.toMillis());
            requestPublish();
        }
        return cooldown;
    }

    /** An active check's outcome (null: it answered), kept apart from real traffic. */
    public void checked(DeploymentId deployment, ProviderException failure) {
        health(deployment).checked(failure == null ? null : failure.failureClass());
    }

    /** Whether the deployment had any real call inside the window (active checks skip busy deployments). */
    public boolean hadTraffic(DeploymentId deployment) {
        return health(deployment).hadTraffic(System.currentTimeMillis());
    }

    /** Calls {@code subscriber} with every snapshot published from now on, on the publisher's thread. */
    public Runnable subscribe(Consumer<HealthSnapshot> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Forgets all outcomes and closes every circuit (tests, and an operator's reset). */
    public void reset() {
        deployments.values().forEach(DeploymentHealth::reset);
        publish();
    }

    private DeploymentHealth health(DeploymentId deployment) {
        DeploymentHealth health = deployments.get(deployment);
        return health != null ? health
                : deployments.computeIfAbsent(deployment, id -> new DeploymentHealth(id, policy, this::requestPublish));
    }

    private void requestPublish() {
        if (publishQueued.compareAndSet(false, true)) {
            try {
                publisher.execute(() -> {
                    publishQueued.set(false);
                    publish();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                publishQueued.set(false);
            }
        }
    }

    /** Rolls the latency windows and publishes now, instead of at the next tick (tests, an operator's refresh). */
    public void refresh() {
        tick();
    }

    private synchronized void tick() {
        try {
            long now = System.currentTimeMillis();
            deployments.values().forEach(d -> d.roll(now));
            publish();
        } catch (RuntimeException e) {
            log.warn("health publish failed: {}", e.toString());
        }
    }

    private synchronized void publish() {
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        Map<DeploymentId, DeploymentStatus> statuses = new HashMap<>();
        deployments.forEach((id, health) -> statuses.put(id, health.status(nowMillis, nowNanos)));
        HealthSnapshot snapshot = new HealthSnapshot(versions.incrementAndGet(), nowMillis, statuses);
        current.set(snapshot);
        for (Consumer<HealthSnapshot> subscriber : subscribers) {
            try {
                subscriber.accept(snapshot);
            } catch (RuntimeException e) {
                log.debug("health subscriber failed: {}", e.toString());
            }
        }
    }

    private static long micros(Duration duration) {
        return duration == null ? 0 : TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
    }

    @Override
    public void close() {
        publisher.shutdownNow();
    }
}
