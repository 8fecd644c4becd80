package dev.detour.gateway.modelhub;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pull command's logic against a hub stand-in on loopback (these machines cannot reach huggingface.co). */
class ModelPullTest {

    @TempDir
    Path temp;

    private FakeHub hub;
    private final byte[] graph = bytes(300_000, 1);
    private final byte[] data = bytes(2_000_000, 2);
    private final List<String> verified = new ArrayList<>();
    private final List<Long> resumedFrom = new ArrayList<>();

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub()
                .file("onnx/model.onnx", graph, true)
                .file("onnx/model.onnx_data", data, true)
                .file("onnx/model_q4.onnx", bytes(1000, 3), true)
                .file("config.json", "{\"num_hidden_layers\": 2}".getBytes(StandardCharsets.UTF_8), false)
                .file("tokenizer.json", "{\"model\": {}}".getBytes(StandardCharsets.UTF_8), false)
                .file("tokenizer_config.json", "{}".getBytes(StandardCharsets.UTF_8), false)
                .file("README.md", "# Tiny".getBytes(StandardCharsets.UTF_8), false);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private ModelPull pull() {
        return new ModelPull(new HubClient(hub.baseUrl(), null), new DownloadProgress() {
            @Override
            public void bytes(RepoFile file, long done, long total, long resumed) {
                if (resumed > 0 && !resumedFrom.contains(resumed)) {
                    resumedFrom.add(resumed);
                }
            }

            @Override
            public void verified(RepoFile file, String checksum) {
                verified.add(file.path() + " " + checksum);
            }
        });
    }

    @Test
    void pullsTheGraphItsDataAndTheConfigFilesVerified() throws Exception {
        Path into = temp.resolve("models/tiny");
        pull().pull(FakeHub.REPO, "main", "", "onnx/model.onnx", into);

        assertThat(into.resolve("model.onnx")).hasBinaryContent(graph);
        assertThat(into.resolve("model.onnx_data")).hasBinaryContent(data);
        assertThat(into.resolve("config.json")).hasContent("{\"num_hidden_layers\": 2}");
        try (var files = Files.list(into)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "model.onnx", "model.onnx_data", "config.json", "tokenizer.json", "tokenizer_config.json");
        }
        assertThat(verified).contains("onnx/model.onnx_data sha256:" + FakeHub.sha256(data),
                "config.json git-sha1:" + FakeHub.gitBlob("{\"num_hidden_layers\": 2}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anInterruptedDownloadResumesWhereItStopped() throws Exception {
        Path into = temp.resolve("models/tiny");
        hub.cutOnce("onnx/model.onnx_data");
        assertThatThrownBy(() -> pull().pull(FakeHub.REPO, "main", "", "onnx/model.onnx", into))
                .isInstanceOf(IOException.class);
        Path part = into.resolve("model.onnx_data.part");
        assertThat(part).exists();
        long partial = Files.size(part);
        assertThat(partial).isPositive().isLessThan(data.length);
        assertThat(into.resolve("model.onnx_data")).doesNotExist();

        hub.requests.clear();
        pull().pull(FakeHub.REPO, "main", "", "onnx/model.onnx", into);

        assertThat(hub.requests).contains("/" + FakeHub.REPO + "/resolve/main/onnx/model.onnx_data bytes=" + partial + "-");
        // Files already complete are verified on disk, not fetched again.
        assertThat(hub.requests).noneMatch(r -> r.endsWith("/onnx/model.onnx"));
        assertThat(resumedFrom).containsExactly(partial);
        assertThat(into.resolve("model.onnx_data")).hasBinaryContent(data);
        assertThat(part).doesNotExist();
    }

    @Test
    void aChecksumMismatchIsRejectedAndTheFileDiscarded() {
        hub.listWrongHash("onnx/model.onnx_data");
        Path into = temp.resolve("models/tiny");
        assertThatThrownBy(() -> pull().pull(FakeHub.REPO, "main", "", "onnx/model.onnx", into))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("onnx/model.onnx_data: SHA-256 is " + FakeHub.sha256(data));
        assertThat(into.resolve("model.onnx_data")).doesNotExist();
        assertThat(into.resolve("model.onnx_data.part")).doesNotExist();
    }

    @Test
    void aSmallFileWithTheWrongGitBlobIdIsRejected() {
        hub.listWrongHash("tokenizer.json");
        assertThatThrownBy(() -> pull().pull(FakeHub.REPO, "main", "", "onnx/model.onnx", temp.resolve("m")))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("tokenizer.json: git blob id is");
    }

    @Test
    void aMissingGraphNamesTheOnesThereAre() {
        assertThatThrownBy(() -> pull().pull(FakeHub.REPO, "main", "", "onnx/model_fp16.onnx", temp.resolve("m")))
                .hasMessageContaining("has no onnx/model_fp16.onnx")
                .hasMessageContaining("onnx/model_q4.onnx");
    }
}
