package dev.detour.gateway.api;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Request ids: the client's own when it is sane (so it can be correlated), a fresh random one otherwise. */
public final class RequestIds {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    public static String echoOrCreate(String fromClient) {
        return fromClient != null && SANE.matcher(fromClient).matches() ? fromClient : random("req_");
    }

    /** A random id with a prefix, e.g. {@code chatcmpl-...}; not a secret, only unique. */
    public static String random(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
