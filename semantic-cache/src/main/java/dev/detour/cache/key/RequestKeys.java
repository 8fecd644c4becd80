package dev.detour.cache.key;

import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The two keys of a request. The partition is everything that must be equal for two requests to share an answer
 * (tenant, route, system prompt and the whole conversation before the last turn, tools, response format, sampling);
 * the exact key is the partition plus the last turn. Both are SHA-256 of length-prefixed fields, so no two different
 * field lists can run together into the same bytes.
 */
public record RequestKeys(String partition, String exact) {

    public static RequestKeys of(CacheRequest request) {
        List<Turn> turns = request.turns();
        MessageDigest partition = sha256();
        field(partition, "detour-cache-partition-v1");
        field(partition, request.tenant());
        field(partition, request.route());
        field(partition, Integer.toString(Math.max(0, turns.size() - 1)));
        for (int i = 0; i < turns.size() - 1; i++) {
            field(partition, turns.get(i).role());
            field(partition, turns.get(i).content());
        }
        field(partition, request.tools());
        field(partition, request.responseFormat());
        for (Map.Entry<String, String> setting : request.sampling().entrySet()) {
            field(partition, setting.getKey());
            field(partition, setting.getValue());
        }
        String partitionKey = HexFormat.of().formatHex(partition.digest());

        MessageDigest exact = sha256();
        field(exact, partitionKey);
        if (!turns.isEmpty()) {
            Turn last = turns.getLast();
            field(exact, last.role());
            field(exact, last.content());
        }
        return new RequestKeys(partitionKey, HexFormat.of().formatHex(exact.digest()));
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        digest.update((byte) (n >>> 24));
        digest.update((byte) (n >>> 16));
        digest.update((byte) (n >>> 8));
        digest.update((byte) n);
        digest.update(bytes);
    }

    /** Never updated, only cloned: a clone skips the provider lookup that getInstance does on every call. */
    private static final MessageDigest SHA_256 = newSha256();

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
