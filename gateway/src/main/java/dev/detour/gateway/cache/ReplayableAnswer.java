package dev.detour.gateway.cache;

import dev.detour.gateway.api.JsonCodec;
import dev.detour.gateway.wire.ChatCompletionResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cached completion made ready to send again: parsed (for a streamed replay) and as the bytes of its JSON after
 * the two fields every replay changes, {@code id} and {@code created}, which lead Detour's JSON. A JSON replay is then
 * the head with the new id and time, and these bytes: no parse and no serialisation per hit, the same bytes
 * serialising would give. {@code tail} is null when the layout is not the expected one; the caller then serialises.
 */
record ReplayableAnswer(ChatCompletionResponse stored, byte[] tail) {

    private static final String HEAD_ID = "{\"id\":\"";
    private static final String HEAD_CREATED = "\",\"object\":\"" + ChatCompletionResponse.OBJECT + "\",\"created\":";
    /** What the serialised answer starts with when its id is empty and its time zero. */
    private static final byte[] BLANK_HEAD = (HEAD_ID + HEAD_CREATED + "0").getBytes(StandardCharsets.UTF_8);

    static ReplayableAnswer of(byte[] answer, JsonCodec json) throws IOException {
        ChatCompletionResponse stored = json.mapper().readValue(answer, ChatCompletionResponse.class);
        byte[] blank = json.write(stored.withIdentity("", 0, stored.model()));
        byte[] tail = startsWith(blank, BLANK_HEAD) ? Arrays.copyOfRange(blank, BLANK_HEAD.length, blank.length)
                : null;
        return new ReplayableAnswer(stored, tail);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The answer as JSON under a new {@code id} and {@code created}. The id must need no JSON escaping (Detour's
     * ids are letters, digits and dashes).
     */
    byte[] json(String id, long created, JsonCodec json) {
        if (tail == null) {
            return json.write(stored.withIdentity(id, created, stored.model()));
        }
        byte[] head = (HEAD_ID + id + HEAD_CREATED + created).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** Roughly what this holds in memory, for the bound on the replay cache. */
    int weight() {
        return 256 + 3 * (tail == null ? 1024 : tail.length);
    }
}
