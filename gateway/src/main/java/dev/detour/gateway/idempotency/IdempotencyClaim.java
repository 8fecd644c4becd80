package dev.detour.gateway.idempotency;

/**
 * What {@link IdempotencyStore#claim} hands a request: either it is the one to do the work ({@link Owner}; it
 * then completes or abandons the claim), or the work was done before and here is the answer ({@link Replay}).
 * A request without an {@code Idempotency-Key} gets {@link #NONE}, an owner that remembers nothing.
 */
public sealed interface IdempotencyClaim {

    Owner NONE = new Owner(null, null);

    /** The request runs; {@code store} and {@code key} are null when there is nothing to remember. */
    record Owner(IdempotencyStore store, String key) implements IdempotencyClaim {

        public boolean records() {
            return store != null;
        }

        /** Keeps the answer for repeats and hands it to requests waiting on this key. */
        public void complete(RecordedResponse response) {
            if (store != null) {
                store.complete(key, response);
            }
        }

        /** No answer to keep (an error, a broken stream): the key is free again for a retry. */
        public void abandon() {
            if (store != null) {
                store.abandon(key);
            }
        }
    }

    /** The answer of an earlier request with the same key and body. */
    record Replay(RecordedResponse response) implements IdempotencyClaim {
    }
}
