package dev.detour.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The QQP pairs file (one JSON object a line) and its distinct texts, numbered in order of first appearance. */
final class QqpPairs {

    private final List<QqpPair> pairs;
    private final Map<String, Integer> textIds = new LinkedHashMap<>();

    private QqpPairs(List<QqpPair> pairs) {
        this.pairs = List.copyOf(pairs);
        for (QqpPair p : pairs) {
            textIds.putIfAbsent(p.textA(), textIds.size());
            textIds.putIfAbsent(p.textB(), textIds.size());
        }
    }

    static QqpPairs read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<QqpPair> pairs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                pairs.add(new QqpPair(n.get("id").asLong(), n.get("text_a").asText(), n.get("text_b").asText(),
                        n.get("label").asInt() == 1));
            }
        }
        return new QqpPairs(pairs);
    }

    List<QqpPair> pairs() {
        return pairs;
    }

    /** The distinct texts, index = text id. */
    List<String> texts() {
        return List.copyOf(textIds.keySet());
    }

    int textId(String text) {
        return textIds.get(text);
    }
}
