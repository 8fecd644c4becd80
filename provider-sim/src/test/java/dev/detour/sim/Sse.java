package dev.detour.sim;

import java.util.ArrayList;
import java.util.List;

/** Parses a complete SSE body into events, the way SSE clients do (blank line ends an event). */
final class Sse {

    record Event(String event, String data) {
    }

    private Sse() {
    }

    static List<Event> parse(String body) {
        List<Event> out = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        for (String raw : body.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty()) {
                if (data != null) {
                    out.add(new Event(event, data.toString()));
                }
                event = null;
                data = null;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
            }
        }
        return out;
    }

    static List<String> data(String body) {
        return parse(body).stream().map(Event::data).toList();
    }
}
