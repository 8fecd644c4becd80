package dev.detour.cache;

/** What became of an answer offered to the cache: stored (under which id, matchable semantically or not) or why not. */
public record StoreOutcome(boolean stored, String id, boolean semantic, String reason) {

    static StoreOutcome skipped(String reason) {
        return new StoreOutcome(false, null, false, reason);
    }
}
