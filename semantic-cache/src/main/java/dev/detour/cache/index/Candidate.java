package dev.detour.cache.index;

/** An entry the vector search found near a query, with its cosine similarity. */
public record Candidate(String id, double cosine) {
}
