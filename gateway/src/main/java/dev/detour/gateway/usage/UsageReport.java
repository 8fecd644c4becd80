package dev.detour.gateway.usage;

import java.util.List;

/** Ledger rows that matched a filter (at most the limit asked for) and the totals over every matching row. */
public record UsageReport(List<UsageRecord> rows, Totals totals) {

    public UsageReport {
        rows = List.copyOf(rows);
    }

    /** Sums over every matching row, not only those returned. */
    public record Totals(long requests, long promptTokens, long completionTokens, long cachedTokens, double costUsd) {
    }
}
