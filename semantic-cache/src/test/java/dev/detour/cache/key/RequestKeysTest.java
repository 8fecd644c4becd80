package dev.detour.cache.key;

import dev.detour.cache.request.CacheRequest;
import dev.detour.cache.request.Turn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestKeysTest {

    private static CacheRequest request(String tenant, String route, List<Turn> turns, String tools, String format,
                                        Map<String, String> sampling) {
        return new CacheRequest(tenant, route, turns, tools, format, sampling, null);
    }

    private static final List<Turn> CONVERSATION = List.of(Turn.text("system", "Be brief."),
            Turn.text("user", "Hi"), Turn.text("assistant", "Hello!"), Turn.text("user", "What is 2+2?"));
    private static final CacheRequest BASE = request("acme", "chat", CONVERSATION, "", "", Map.of("seed", "1"));

    @Test
    void identicalRequestsHaveIdenticalKeys() {
        CacheRequest same = request("acme", "chat", List.copyOf(CONVERSATION), null, null, Map.of("seed", "1"));
        assertThat(RequestKeys.of(same)).isEqualTo(RequestKeys.of(BASE));
    }

    @Test
    void onlyTheLastTurnSeparatesTheExactKeyWithinAPartition() {
        List<Turn> other = List.of(CONVERSATION.get(0), CONVERSATION.get(1), CONVERSATION.get(2),
                Turn.text("user", "What is 2+3?"));
        RequestKeys a = RequestKeys.of(BASE);
        RequestKeys b = RequestKeys.of(request("acme", "chat", other, "", "", Map.of("seed", "1")));
        assertThat(b.partition()).isEqualTo(a.partition());
        assertThat(b.exact()).isNotEqualTo(a.exact());
    }

    @Test
    void everythingBeforeTheLastTurnAndEverySettingSeparatesPartitions() {
        String base = RequestKeys.of(BASE).partition();
        List<Turn> otherSystem = List.of(Turn.text("system", "Be verbose."), CONVERSATION.get(1),
                CONVERSATION.get(2), CONVERSATION.get(3));
        List<Turn> otherHistory = List.of(CONVERSATION.get(0), CONVERSATION.get(1),
                Turn.text("assistant", "Hey."), CONVERSATION.get(3));
        assertThat(List.of(
                request("other", "chat", CONVERSATION, "", "", Map.of("seed", "1")),
                request("acme", "fast", CONVERSATION, "", "", Map.of("seed", "1")),
                request("acme", "chat", otherSystem, "", "", Map.of("seed", "1")),
                request("acme", "chat", otherHistory, "", "", Map.of("seed", "1")),
                request("acme", "chat", CONVERSATION, "[{\"name\":\"f\"}]", "", Map.of("seed", "1")),
                request("acme", "chat", CONVERSATION, "", "{\"type\":\"json_object\"}", Map.of("seed", "1")),
                request("acme", "chat", CONVERSATION, "", "", Map.of("seed", "2")),
                request("acme", "chat", CONVERSATION, "", "", Map.of("seed", "1", "temperature", "0.2"))))
                .extracting(r -> RequestKeys.of(r).partition())
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void fieldsCannotRunTogether() {
        CacheRequest a = request("ab", "c", CONVERSATION, "", "", Map.of());
        CacheRequest b = request("a", "bc", CONVERSATION, "", "", Map.of());
        assertThat(RequestKeys.of(a).partition()).isNotEqualTo(RequestKeys.of(b).partition());
    }

    @Test
    void roleOfTheLastTurnIsPartOfTheExactKey() {
        CacheRequest user = request("acme", "chat", List.of(Turn.text("user", "x")), "", "", Map.of());
        CacheRequest tool = request("acme", "chat", List.of(new Turn("tool", "x", false)), "", "", Map.of());
        assertThat(RequestKeys.of(user).exact()).isNotEqualTo(RequestKeys.of(tool).exact());
    }

    /** Keys are on disk: a change of how they are computed would orphan every stored entry. */
    @Test
    void keysAreTheDocumentedHashesOfLengthPrefixedFields() {
        // Computed apart from this code (Python hashlib): SHA-256 over 4-byte big-endian lengths and UTF-8 fields.
        RequestKeys keys = RequestKeys.of(request("t", "chat",
                List.of(Turn.text("system", "You are helpful."), Turn.text("user", "Hi")), "", "",
                Map.of("temperature", "0.0")));
        assertThat(keys.partition()).isEqualTo("650ce7901aaad3b0dc507a0bf6c0dd97494a3a53936d47e98641e90914876438");
        assertThat(keys.exact()).isEqualTo("f9b0d2cd2412110d3d6e983da6501e4bd18f836bac169de0a61c5fe130abaaa9");
    }
}
