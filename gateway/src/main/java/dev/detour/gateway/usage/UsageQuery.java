package dev.detour.gateway.usage;

import dev.detour.gateway.records.RecordsDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the usage ledger: rows matching a filter, newest first, and their totals. */
public final class UsageQuery {

    private final RecordsDatabase database;

    public UsageQuery(RecordsDatabase database) {
        this.database = database;
    }

    /** Rows of {@code route} and {@code provider} (null: any) from {@code from} (inclusive) to {@code to} (exclusive). */
    public UsageReport find(String route, String provider, Instant from, Instant to, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (route != null) {
            where.append(" AND route = ?");
            args.add(route);
        }
        if (provider != null) {
            where.append(" AND provider = ?");
            args.add(provider);
        }
        if (from != null) {
            where.append(" AND at_ms >= ?");
            args.add(from.toEpochMilli());
        }
        if (to != null) {
            where.append(" AND at_ms < ?");
            args.add(to.toEpochMilli());
        }
        return database.read(connection -> {
            List<UsageRecord> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT at_ms, request_id, api_key, route, "
                    + "provider, model, prompt_tokens, completion_tokens, cached_tokens, cost_usd, cache_result, stream, "
                    + "estimated FROM usage_ledger" + where + " ORDER BY at_ms DESC, id DESC LIMIT ?")) {
                bind(select, args);
                select.setInt(args.size() + 1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new UsageRecord(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8),
                                rs.getInt(9), rs.getDouble(10), rs.getString(11), rs.getInt(12) == 1,
                                rs.getInt(13) == 1));
                    }
                }
            }
            try (PreparedStatement totals = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(prompt_tokens),0), "
                    + "COALESCE(SUM(completion_tokens),0), COALESCE(SUM(cached_tokens),0), COALESCE(SUM(cost_usd),0) "
                    + "FROM usage_ledger" + where)) {
                bind(totals, args);
                try (ResultSet rs = totals.executeQuery()) {
                    rs.next();
                    return new UsageReport(rows, new UsageReport.Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getDouble(5)));
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws java.sql.SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
