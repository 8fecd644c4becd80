package dev.detour.gateway.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.detour.gateway.api.ApiException;
import dev.detour.gateway.config.IdempotencyConfig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers a request carrying an {@code Idempotency-Key} once. The first request with a key owns it and runs; a
 * repeat with the same body within the window gets the recorded answer, or waits for the one in flight; a repeat
 * with another body is refused with 422 (the IETF Idempotency-Key draft's status for a reused key). Only successful
 * answers are kept: a failed request frees its key, so the client's retry is tried for real. Kept in memory
 * (Caffeine, expiring {@code window} after the first request, at most {@code maxEntries}): a restart forgets.
 */
public final class IdempotencyStore {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    private final Cache<String, Entry> entries;
    private final Duration waitLimit;

    public IdempotencyStore(IdempotencyConfig config, Duration waitLimit) {
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(config.window())
                .maximumSize(config.maxEntries())
                .build();
        this.waitLimit = waitLimit;
    }

    /**
     * The claim of a request on {@code key} (null or absent: {@link IdempotencyClaim#NONE}). Blocks while another
     * request with the same key and body is in flight, up to the wait limit.
     */
    public IdempotencyClaim claim(String key, String endpoint, byte[] body) {
        if (key == null) {
            return IdempotencyClaim.NONE;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("invalid_value", HEADER,
                    "the " + HEADER + " header must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        byte[] fingerprint = fingerprint(endpoint, body);
        long deadline = System.nanoTime() + waitLimit.toNanos();
        while (true) {
            Entry fresh = new Entry(fingerprint, new CompletableFuture<>());
            Entry entry = entries.asMap().putIfAbsent(key, fresh);
            if (entry == null) {
                return new IdempotencyClaim.Owner(this, key);
            }
            if (!Arrays.equals(entry.fingerprint(), fingerprint)) {
                throw new ApiException(422, "invalid_request_error", "idempotency_key_reused", HEADER,
                        "this " + HEADER + " was already used with a different request body; use a new key for a new request");
            }
            RecordedResponse answer = await(entry, deadline);
            if (answer != null) {
                return new IdempotencyClaim.Replay(answer);
            }
            // The owner gave up without an answer: try to own the key ourselves.
        }
    }

    private RecordedResponse await(Entry entry, long deadline) {
        try {
            return entry.answer().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException abandoned) {
            return null;
        } catch (TimeoutException e) {
            throw new ApiException(409, "invalid_request_error", "idempotency_key_in_use", HEADER,
                    "a request with this " + HEADER + " is still being answered; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(409, "invalid_request_error", "idempotency_key_in_use", HEADER,
                    "interrupted while waiting for the request with this " + HEADER);
        }
    }

    void complete(String key, RecordedResponse response) {
        Entry entry = entries.getIfPresent(key);
        if (entry != null) {
            entry.answer().complete(response);
        }
    }

    void abandon(String key) {
        Entry entry = entries.getIfPresent(key);
        if (entry != null && !entry.answer().isDone()) {
            entries.asMap().remove(key, entry);
            entry.answer().completeExceptionally(new IllegalStateException("abandoned"));
        }
    }

    private static byte[] fingerprint(String endpoint, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's request body fingerprint and its answer, once there is one. */
    private record Entry(byte[] fingerprint, CompletableFuture<RecordedResponse> answer) {
    }
}
