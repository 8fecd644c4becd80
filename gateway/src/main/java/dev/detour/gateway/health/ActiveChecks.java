package dev.detour.gateway.health;

import dev.detour.gateway.providers.DeploymentId;
import dev.detour.gateway.providers.ProviderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Optional active checks: on a schedule, a cheap request to each deployment that had no real traffic in the health
 * window, so an idle fallback's health is known before it is needed. Outcomes go to the monitor's separate check
 * counts; they never open or close a circuit (only real traffic does).
 */
public final class ActiveChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActiveChecks.class);

    private final HealthMonitor health;
    private final List<DeploymentId> deployments;
    private final Check check;
    private final Duration timeout;
    private final ScheduledExecutorService schedule;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param check   one cheap call to a deployment; throws a {@link ProviderException} when it fails
     * @param timeout how long a check may take before it counts as a timeout
     */
    public ActiveChecks(HealthMonitor health, List<DeploymentId> deployments, Check check, Duration interval,
                        Duration timeout) {
        this.health = health;
        this.deployments = List.copyOf(deployments);
        this.check = check;
        this.timeout = timeout;
        this.schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("detour-active-checks").daemon().factory());
        schedule.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks sent so far. */
    public long sent() {
        return sent.get();
    }

    /** One round: every idle deployment gets one check, all at once, each bounded by the timeout. */
    void round() {
        for (DeploymentId deployment : deployments) {
            if (!health.hadTraffic(deployment)) {
                calls.submit(() -> checkOne(deployment));
            }
        }
    }

    private void checkOne(DeploymentId deployment) {
        sent.incrementAndGet();
        Future<?> call = calls.submit(() -> {
            check.run(deployment);
            return null;
        });
        ProviderException failure = null;
        try {
            call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            failure = new ProviderException(dev.detour.gateway.providers.FailureClass.TIMEOUT,
                    deployment + " did not answer its check within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            failure = e.getCause() instanceof ProviderException p ? p
                    : new ProviderException(dev.detour.gateway.providers.FailureClass.BAD_RESPONSE,
                    "check failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (failure != null) {
            log.info("active check of {} failed: {}", deployment, failure.failureClass());
        }
        health.checked(deployment, failure);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        calls.shutdownNow();
    }

    /** One cheap call to a deployment. */
    @FunctionalInterface
    public interface Check {
        void run(DeploymentId deployment);
    }
}
