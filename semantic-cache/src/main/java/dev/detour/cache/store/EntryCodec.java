package dev.detour.cache.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Entries to bytes and back, with a version byte so that a later layout can still read this one. */
final class EntryCodec {

    private static final int VERSION = 1;

    private EntryCodec() {
    }

    static byte[] encode(CacheEntry e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + e.answer().length);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(e.id());
            out.writeUTF(e.exactKey());
            out.writeUTF(e.partition());
            writeLong(out, e.tenant());
            writeLong(out, e.route());
            writeLong(out, e.queryText());
            out.writeInt(e.answer().length);
            out.write(e.answer());
            writeLong(out, e.provider());
            writeLong(out, e.model());
            out.writeLong(e.createdAt());
            out.writeLong(e.lastHitAt());
            out.writeLong(e.hitCount());
            out.writeLong(e.expiresAt());
            if (e.vector() == null) {
                out.writeInt(-1);
            } else {
                out.writeInt(e.vector().length);
                for (float f : e.vector()) {
                    out.writeFloat(f);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    static CacheEntry decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown cache entry layout " + version);
            }
            String id = in.readUTF();
            String exactKey = in.readUTF();
            String partition = in.readUTF();
            String tenant = readLong(in);
            String route = readLong(in);
            String query = readLong(in);
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            String provider = readLong(in);
            String model = readLong(in);
            long created = in.readLong();
            long lastHit = in.readLong();
            long hits = in.readLong();
            long expires = in.readLong();
            int dims = in.readInt();
            float[] vector = null;
            if (dims >= 0) {
                vector = new float[dims];
                for (int i = 0; i < dims; i++) {
                    vector[i] = in.readFloat();
                }
            }
            return new CacheEntry(id, exactKey, partition, tenant, route, query, answer, provider, model, created,
                    lastHit, hits, expires, vector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** writeUTF stops at 64 KB; questions and names can be longer. */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] b = (s == null ? "" : s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
