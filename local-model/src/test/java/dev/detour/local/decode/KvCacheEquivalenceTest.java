package dev.detour.local.decode;

import dev.detour.local.folder.ModelFolder;
import dev.detour.local.folder.ModelFolderReader;
import dev.detour.local.text.ModelTokenizer;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The KV cache is only an optimisation: greedy decoding with it must pick exactly the tokens a full recompute picks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvCacheEquivalenceTest {

    private DecoderSession session;
    private ModelTokenizer tokenizer;

    @BeforeAll
    void load() {
        ModelFolder folder = new ModelFolderReader().read(TestModels.tinyRandomLlama());
        session = new DecoderSession(folder.decoder(), new SessionSettings(1, 1));
        tokenizer = new ModelTokenizer(folder.tokenizer());
    }

    @AfterAll
    void close() {
        if (session != null) {
            session.close();
            tokenizer.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} tokens")
    @CsvSource(delimiter = '|', value = {
            "a|24",
            "Hello there, how are you today?|16",
            "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs. 1234567890|12",
            "日本語のテキストと émojis 🙂 mixed in|20",
    })
    void cachedGreedyTokensEqualRecomputedOnes(String prompt, int newTokens) {
        long[] ids = tokenizer.encode(prompt);

        List<Long> cached = new ArrayList<>();
        try (DecodeState state = session.prefill(ids)) {
            for (int i = 0; i < newTokens; i++) {
                long next = Sampler.argmax(state.logits());
                // The greedy loop's shortcut (argmax read from the tensor) picks the same token.
                assertThat(state.argmax()).isEqualTo(next);
                cached.add(next);
                state.advance(next);
            }
            assertThat(state.length()).isEqualTo(ids.length + newTokens);
        }

        List<Long> recomputed = new ArrayList<>();
        long[] sequence = ids;
        for (int i = 0; i < newTokens; i++) {
            long next = Sampler.argmax(session.logitsWithoutCache(sequence));
            recomputed.add(next);
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = next;
        }

        assertThat(cached).hasSize(newTokens).isEqualTo(recomputed);
    }
}
