package dev.detour.local;

import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stop conditions, seeds and streaming on the tiny random model (its text is noise; the mechanics are not). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalModelGenerationTest {

    private static final List<ChatTurn> HELLO = List.of(new ChatTurn("user", "Hello there"));
    private static final List<ChatTurn> OTHER = List.of(new ChatTurn("system", "Be brief."),
            new ChatTurn("user", "What is the capital of France?"));

    @TempDir
    Path temp;

    private LocalModel model;

    @BeforeAll
    void load() {
        model = LocalModel.load(TestModels.tinyRandomLlama(), new LocalModelOptions(1, 1, 1, 4,
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30)));
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private GenerationRequest sampled(List<ChatTurn> messages, long seed, int maxTokens) {
        return new GenerationRequest(messages, maxTokens, 1.0, 0.95, 50, seed, List.of());
    }

    @Test
    void maxTokensEndsTheAnswerWithLength() {
        GenerationResult result = model.generate(GenerationRequest.greedy(HELLO, 7));
        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.usage().completionTokens()).isEqualTo(7);
        assertThat(result.tokenIds()).hasSize(7);
        assertThat(result.usage().promptTokens()).isEqualTo(model.promptTokens(GenerationRequest.greedy(HELLO, 7)).length);
        assertThat(result.text()).isNotBlank();
    }

    @Test
    void greedyIsRepeatable() {
        assertThat(model.generate(GenerationRequest.greedy(OTHER, 12)).tokenIds())
                .isEqualTo(model.generate(GenerationRequest.greedy(OTHER, 12)).tokenIds());
    }

    @Test
    void theSameSeedGivesTheSameAnswerAndAnotherSeedAnotherOne() {
        GenerationResult first = model.generate(sampled(HELLO, 42, 16));
        GenerationResult again = model.generate(sampled(HELLO, 42, 16));
        GenerationResult other = model.generate(sampled(HELLO, 43, 16));
        assertThat(again.tokenIds()).isEqualTo(first.tokenIds());
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(other.tokenIds()).isNotEqualTo(first.tokenIds());
        // Sampling really samples: with temperature 1 over a random model, it leaves the greedy path.
        assertThat(first.tokenIds()).isNotEqualTo(model.generate(GenerationRequest.greedy(HELLO, 16)).tokenIds());
    }

    @Test
    void aStopStringEndsTheAnswerBeforeIt() {
        GenerationResult full = model.generate(GenerationRequest.greedy(OTHER, 24));
        String text = full.text();
        // A stop string taken from the middle of the free-running answer: generation must end where it first appears.
        String stop = text.substring(text.length() / 2, text.length() / 2 + 3);
        int at = text.indexOf(stop);

        List<String> pieces = new ArrayList<>();
        GenerationResult stopped = model.generate(new GenerationRequest(OTHER, 24, 0.0, null, null, null, List.of("zzzq", stop)),
                pieces::add);

        assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(stopped.text()).isEqualTo(text.substring(0, at));
        assertThat(String.join("", pieces)).isEqualTo(stopped.text());
        assertThat(stopped.usage().completionTokens()).isLessThan(24);
        assertThat(full.tokenIds()).startsWith(stopped.tokenIds().toArray(Long[]::new));
    }

    @Test
    void anEndOfSequenceTokenEndsTheAnswerWithStop() {
        GenerationResult free = model.generate(GenerationRequest.greedy(HELLO, 10));
        long fifth = free.tokenIds().get(4);
        // The same model told (by generation_config.json) that its fifth greedy token ends a sequence.
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("eos"))
                .write("generation_config.json", "{\"eos_token_id\": " + fifth + "}").dir();
        try (LocalModel eosModel = LocalModel.load(dir, LocalModelOptions.defaults())) {
            GenerationResult result = eosModel.generate(GenerationRequest.greedy(HELLO, 10));
            assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(result.tokenIds()).isEqualTo(free.tokenIds().subList(0, free.tokenIds().indexOf(fifth)));
        }
    }

    @Test
    void theStreamConcatenatesToTheAnswer() {
        for (GenerationRequest request : List.of(GenerationRequest.greedy(HELLO, 40), sampled(OTHER, 7, 40),
                sampled(List.of(new ChatTurn("user", "日本語で話して 🙂")), 11, 40))) {
            List<String> pieces = new ArrayList<>();
            GenerationResult result = model.generate(request, pieces::add);
            assertThat(String.join("", pieces)).isEqualTo(result.text());
            // Without a listener the text is decoded once at the end, by another path: the same answer.
            assertThat(model.generate(request).text()).isEqualTo(result.text());
            // (A random model may emit a lone byte token, so U+FFFD can be in the text itself: not checked here.)
            assertThat(pieces).noneMatch(String::isEmpty);
        }
    }

    @Test
    void theContextWindowBoundsThePromptAndTheAnswer() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("small"))
                .editJson("genai_config.json", root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("model"))
                        .put("context_length", 14)).dir();
        try (LocalModel small = LocalModel.load(dir, LocalModelOptions.defaults())) {
            int prompt = small.promptTokens(GenerationRequest.greedy(HELLO, 100)).length;
            assertThat(prompt).isLessThan(14);
            GenerationResult result = small.generate(GenerationRequest.greedy(HELLO, 100));
            assertThat(result.usage().completionTokens()).isEqualTo(14 - prompt);
            assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);

            assertThat(small.promptTokens(GenerationRequest.greedy(OTHER, 1)).length).isGreaterThanOrEqualTo(14);
            assertThatThrownBy(() -> small.generate(GenerationRequest.greedy(OTHER, 5)))
                    .isInstanceOf(PromptTooLongException.class).hasMessageContaining("context window of 14");
        }
    }

    @Test
    void theChatTemplateRefusesWhatItCannotFormat() {
        List<ChatTurn> twoUsers = List.of(new ChatTurn("user", "a"), new ChatTurn("user", "b"));
        assertThatThrownBy(() -> model.generate(GenerationRequest.greedy(twoUsers, 3)))
                .isInstanceOf(ChatTemplateException.class).hasMessageContaining("Conversation roles must alternate");
    }

    @Test
    void theModelsOwnTemplateRendersThePrompt() {
        long[] ids = model.promptTokens(GenerationRequest.greedy(OTHER, 1));
        assertThat(ids[0]).isEqualTo(1L); // '<s>', written by the template as bos_token, not doubled by the tokenizer
        assertThat(ids[1]).isNotEqualTo(1L);
    }
}
