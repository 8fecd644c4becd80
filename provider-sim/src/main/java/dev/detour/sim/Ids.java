package dev.detour.sim;

import java.util.concurrent.atomic.AtomicLong;

/** Cheap unique ids for responses and requests (a counter, not random: per-request work stays tiny). */
final class Ids {

    private final AtomicLong next = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

    String next(String prefix) {
        return prefix + Long.toHexString(next.incrementAndGet());
    }
}
