package dev.detour.gateway.contract;

import java.util.List;

/** The {@code data:} payloads of a server-sent-event body, in order (the {@code [DONE]} marker included). */
public final class SseEvents {

    public static final String DONE = "[DONE]";

    private SseEvents() {
    }

    public static List<String> data(String body) {
        return body.lines().filter(line -> line.startsWith("data:"))
                .map(line -> line.substring("data:".length()).strip()).toList();
    }

    /** The JSON payloads only: every event but the {@code [DONE]} marker. */
    public static List<String> json(String body) {
        return data(body).stream().filter(event -> !DONE.equals(event)).toList();
    }
}
