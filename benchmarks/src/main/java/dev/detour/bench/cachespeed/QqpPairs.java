package dev.detour.bench.cachespeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Question pairs from the QQP file (text_a, text_b, label): realistic question lengths for the speed runs. */
record QqpPairs(List<Pair> pairs) {

    record Pair(String a, String b, boolean duplicate) {
    }

    static QqpPairs read(Path file, int limit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Pair> pairs = new ArrayList<>();
        try (var lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (pairs.size() >= limit) {
                    break;
                }
                JsonNode n = json.readTree(line);
                pairs.add(new Pair(n.get("text_a").asText(), n.get("text_b").asText(), n.get("label").asInt() == 1));
            }
        }
        return new QqpPairs(pairs);
    }
}
