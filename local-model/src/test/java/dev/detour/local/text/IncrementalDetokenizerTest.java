package dev.detour.local.text;

import dev.detour.local.folder.ModelFolderReader;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalDetokenizerTest {

    private ModelTokenizer tokenizer;

    @BeforeAll
    void load() {
        tokenizer = new ModelTokenizer(new ModelFolderReader().read(TestModels.tinyRandomLlama()).tokenizer());
    }

    @AfterAll
    void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello world, how are you?", "naïve café 日本語 🙂🚀 done", "  leading spaces and\nnew lines\n",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓",
            // Long enough for the decoding window to move up many times, across words, byte sequences and lines.
            "The quick brown fox 🦊 jumps over the lazy dog 🐶.\n  Ünïcödé: 日本語、中文、한국어 — ok?\n\t1 + 1 = 2 ✓✓✓ 𝔘𝔫𝔦 end"})
    void piecesAreWholeCharactersAndConcatenateToTheText(String text) {
        long[] ids = tokenizer.encode(text);
        IncrementalDetokenizer detokenizer = new IncrementalDetokenizer(tokenizer);
        List<String> pieces = new ArrayList<>();
        for (long id : ids) {
            pieces.add(detokenizer.push(id));
        }
        pieces.add(detokenizer.flush());

        assertThat(String.join("", pieces)).isEqualTo(tokenizer.decode(ids));
        assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        // Byte-fallback tokens really were split across pushes for the emoji (else this test proves little).
        if (text.contains("🙂")) {
            assertThat(pieces).contains("");
        }
    }
}
