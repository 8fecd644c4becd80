package dev.detour.gateway.routing;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts the request's own thread when an attempt outlives its tier's timeout. Running the attempt on the
 * request's thread (instead of handing it to another one and waiting) saves a thread hand-off on every call; the
 * alarm is what still lets a silent provider be abandoned.
 */
final class AttemptAlarm {

    private final Thread caller = Thread.currentThread();
    private final ScheduledFuture<?> ring;
    private boolean disarmed;
    private boolean rang;

    AttemptAlarm(ScheduledExecutorService timer, Duration timeout) {
        this.ring = timer.schedule(this::ring, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized void ring() {
        if (!disarmed) {
            rang = true;
            caller.interrupt();
        }
    }

    /**
     * Stops the alarm; call on the request's thread when the attempt ended. Returns whether it rang, in which case
     * the interrupt it caused is cleared here, so it cannot leak into the next attempt or the response.
     */
    boolean disarm() {
        boolean didRing;
        synchronized (this) {
            disarmed = true;
            didRing = rang;
        }
        ring.cancel(false);
        if (didRing) {
            Thread.interrupted();
        }
        return didRing;
    }
}
