package dev.detour.cache.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The shipped pair encoder against what training measured: the fixture holds held-out QQP pairs with the token ids
 * training saw and the logits torch computed with the same int8-rounded weights (tools/pair-encoder/export.py).
 */
class PairEncoderTest {

    private static PairEncoder encoder;
    private static JsonNode cases;

    @BeforeAll
    static void load() throws Exception {
        encoder = PairEncoder.load();
        try (InputStream in = PairEncoderTest.class.getResourceAsStream("pair-encoder-fixture.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void tokenizesPairsAsTrainingDid() {
        assertThat(cases.size()).isGreaterThanOrEqualTo(8);
        for (JsonNode c : cases) {
            long[] expected = StreamSupport.stream(c.get("ids").spliterator(), false).mapToLong(JsonNode::asLong).toArray();
            assertThat(encoder.tokenIds(c.get("cached").asText(), c.get("query").asText()))
                    .as(c.get("cached").asText()).containsExactly(expected);
        }
    }

    @Test
    void scoresPairsAsTrainingDid() {
        for (JsonNode c : cases) {
            double logit = encoder.logit(c.get("cached").asText(), c.get("query").asText());
            assertThat(logit).as(c.get("cached").asText() + " / " + c.get("query").asText())
                    .isCloseTo(c.get("logit").asDouble(), within(2e-3));
        }
    }

    @Test
    void theSamePairAlwaysGetsTheSameProbability() {
        double first = encoder.probability("How do I lose weight fast?", "What is the fastest way to lose weight?");
        assertThat(first).isStrictlyBetween(0.0, 1.0);
        assertThat(encoder.probability("How do I lose weight fast?", "What is the fastest way to lose weight?"))
                .isEqualTo(first);
    }
}
