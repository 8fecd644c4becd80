package dev.detour.local.decode;

import ai.onnxruntime.OnnxJavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.local.InvalidModelFolderException;
import dev.detour.local.ModelFolderCopy;
import dev.detour.local.folder.ModelFolder;
import dev.detour.local.folder.ModelFolderReader;
import dev.detour.testsupport.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecoderSessionTest {

    @TempDir
    Path temp;

    private final SessionSettings oneThread = new SessionSettings(1, 1);

    @Test
    void readsTheKvCacheTypeFromTheGraph() {
        ModelFolder folder = new ModelFolderReader().read(TestModels.tinyRandomLlama());
        try (DecoderSession session = new DecoderSession(folder.decoder(), oneThread)) {
            assertThat(session.kvType()).isEqualTo(OnnxJavaType.FLOAT16);
        }
    }

    @Test
    void aLayerCountTheGraphDoesNotHaveNamesTheConfig() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .editJson("genai_config.json", root -> ((ObjectNode) root.path("model").path("decoder")).put("num_hidden_layers", 3))
                .dir();
        ModelFolder folder = new ModelFolderReader().read(dir);
        assertThatThrownBy(() -> new DecoderSession(folder.decoder(), oneThread)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("genai_config.json: names input 'past_key_values.2.key' but model.onnx has no such input");
    }

    @Test
    void aWrongHeadSizeNamesTheConfig() {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m"))
                .editJson("genai_config.json", root -> ((ObjectNode) root.path("model").path("decoder")).put("head_size", 8))
                .dir();
        ModelFolder folder = new ModelFolderReader().read(dir);
        assertThatThrownBy(() -> new DecoderSession(folder.decoder(), oneThread))
                .hasMessageContaining("genai_config.json: says 1 KV heads of size 8");
    }

    @Test
    void aMissingExternalDataFileNamesTheModel() throws Exception {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m")).remove("model.onnx.data").dir();
        ModelFolder folder = new ModelFolderReader().read(dir);
        assertThatThrownBy(() -> new DecoderSession(folder.decoder(), oneThread)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("model.onnx: ONNX Runtime cannot load it");
    }

    @Test
    void aCorruptModelFileIsNamed() throws Exception {
        Path dir = ModelFolderCopy.of(TestModels.tinyRandomLlama(), temp.resolve("m")).remove("model.onnx").dir();
        Files.writeString(dir.resolve("model.onnx"), "not a model");
        ModelFolder folder = new ModelFolderReader().read(dir);
        assertThatThrownBy(() -> new DecoderSession(folder.decoder(), oneThread)).isInstanceOf(InvalidModelFolderException.class)
                .hasMessageContaining("model.onnx: ONNX Runtime cannot load it");
    }
}
