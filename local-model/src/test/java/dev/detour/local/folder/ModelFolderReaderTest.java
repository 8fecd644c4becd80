package dev.detour.local.folder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.local.InvalidModelFolderException;
import dev.detour.local.ModelFolderCopy;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFolderReaderTest {

    @TempDir
    Path temp;

    private final ModelFolderReader reader = new ModelFolderReader();

    @Test
    void readsTheDecoderFromGenaiConfig() {
        Path tiny = TestModels.tinyRandomLlama();
        ModelFolder folder = reader.read(tiny);

        assertThat(folder.layout()).isEqualTo(ModelLayout.GENAI);
        DecoderSpec d = folder.decoder();
        assertThat(d.modelFile()).isEqualTo(tiny.resolve("model.onnx"));
        assertThat(d.layers()).isEqualTo(2);
        assertThat(d.kvHeads()).isEqualTo(1);
        assertThat(d.headSize()).isEqualTo(16);
        assertThat(d.pastKey(1)).isEqualTo("past_key_values.1.key");
        assertThat(d.presentValue(0)).isEqualTo("present.0.value");
        assertThat(d.contextLength()).isEqualTo(2048);
        assertThat(folder.tokenizer().chatTemplate()).contains("[INST]");
        assertThat(folder.tokenizer().bosToken()).isEqualTo("<s>");
    }

    @Test
    void endOfSequenceIsEveryIdTheFilesName() {
        // genai_config.json says 1; tokenizer_config.json's eos_token '</s>' is id 2 in tokenizer.json.
        assertThat(reader.read(TestModels.tinyRandomLlama()).eosTokenIds()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void generationConfigAddsDefaultsAndEndTokens() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .write("generation_config.json", "{\"eos_token_id\": [7, 9], \"do_sample\": true, \"temperature\": 0.6, \"top_p\": 0.9}")
                .dir();
        ModelFolder folder = reader.read(dir);
        assertThat(folder.eosTokenIds()).containsExactlyInAnyOrder(1L, 2L, 7L, 9L);
        assertThat(folder.defaults()).isEqualTo(new GenerationDefaults(true, 0.6, 0.9, null, null));
    }

    @Test
    void readsAnOptimumConfig() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .remove("genai_config.json")
                .write("config.json", """
                        {"num_hidden_layers": 2, "num_attention_heads": 1, "num_key_value_heads": 1, "hidden_size": 16,
                         "max_position_embeddings": 512, "vocab_size": 32000, "eos_token_id": 2}""")
                .dir();
        ModelFolder folder = reader.read(dir);
        assertThat(folder.layout()).isEqualTo(ModelLayout.OPTIMUM);
        assertThat(folder.decoder().headSize()).isEqualTo(16);
        assertThat(folder.decoder().contextLength()).isEqualTo(512);
        assertThat(folder.decoder().pastValue(1)).isEqualTo("past_key_values.1.value");
    }

    @Test
    void aFolderWithoutAnyConfigNamesGenaiConfig() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m")).remove("genai_config.json").dir();
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("genai_config.json: missing").hasMessageContaining("config.json");
    }

    @Test
    void aMissingTokenizerIsNamed() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m")).remove("tokenizer.json").dir();
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("tokenizer.json: missing")
                .satisfies(e -> assertThat(((InvalidModelFolderException) e).file()).isEqualTo(dir.resolve("tokenizer.json")));
    }

    @Test
    void aMissingModelFileIsNamed() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m")).remove("model.onnx").dir();
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("model.onnx: missing (named by genai_config.json)");
    }

    @Test
    void brokenJsonIsNamed() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .write("tokenizer_config.json", "{\"bos_token\": ").dir();
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("tokenizer_config.json: is not valid JSON");
    }

    @Test
    void aMissingFieldIsNamedWithItsFile() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .editJson("genai_config.json", root -> ((ObjectNode) root.path("model").path("decoder")).remove("num_hidden_layers"))
                .dir();
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("genai_config.json: model.decoder.num_hidden_layers is missing");
    }

    @Test
    void aPatternWithoutLayerIndexIsRefused() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .editJson("genai_config.json", root -> ((ObjectNode) root.path("model").path("decoder").path("inputs"))
                        .put("past_key_names", "past_key_values.key"))
                .dir();
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("model.decoder.inputs.past_key_names must hold %d");
    }

    @Test
    void aFolderWithoutChatTemplateHasNone() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .editJson("tokenizer_config.json", root -> root.remove("chat_template")).dir();
        assertThat(reader.read(dir).tokenizer().chatTemplate()).isNull();
    }

    @Test
    void aChatTemplateFileWinsOverTokenizerConfig() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .write("chat_template.jinja", "{{ messages[0]['content'] }}").dir();
        assertThat(reader.read(dir).tokenizer().chatTemplate()).isEqualTo("{{ messages[0]['content'] }}");
        assertThat(reader.read(dir).tokenizer().chatTemplateSource()).isEqualTo(dir.resolve("chat_template.jinja"));
    }

    @Test
    void notAFolderIsSaid() {
        assertThatThrownBy(() -> reader.read(temp.resolve("nothing-here"))).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("nothing-here: not a folder");
    }
}
