package dev.detour.gateway.modelhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pulls a model folder from a Hugging Face repository: the decoder (one .onnx file, saved as model.onnx, and its
 * external data file) and the configuration and tokenizer files the local-model module reads, flat in one folder.
 */
public final class ModelPull {

    private static final Logger log = LoggerFactory.getLogger(ModelPull.class);

    /** The files the local-model module reads besides the graph (models/README.md). */
    static final Set<String> CONFIG_FILES = Set.of("genai_config.json", "config.json", "tokenizer.json",
            "tokenizer_config.json", "generation_config.json", "special_tokens_map.json", "chat_template.jinja");

    private final HubClient hub;
    private final ModelDownloader downloader;

    public ModelPull(HubClient hub, DownloadProgress progress) {
        this.hub = hub;
        this.downloader = new ModelDownloader(hub, progress);
    }

    /**
     * @param onnxFile the graph's path in the repository (e.g. {@code onnx/model_q4.onnx}); null picks
     *                 {@code model.onnx} in {@code subfolder}
     * @param subfolder where the model's files sit in the repository ("" for the root)
     * @return the files written
     */
    public List<Path> pull(String repo, String revision, String subfolder, String onnxFile, Path into)
            throws IOException, InterruptedException {
        String prefix = subfolder == null || subfolder.isBlank() ? "" : subfolder.replaceAll("/+$", "") + "/";
        String graph = onnxFile != null ? onnxFile : prefix + "model.onnx";
        List<RepoFile> all = hub.files(repo, revision);
        List<RepoFile> wanted = new ArrayList<>();
        RepoFile graphFile = all.stream().filter(f -> f.path().equals(graph)).findFirst().orElseThrow(() ->
                new IOException(repo + "@" + revision + " has no " + graph + " (choose one with --onnx-file; it has: "
                        + all.stream().map(RepoFile::path).filter(p -> p.endsWith(".onnx")).toList() + ")"));
        wanted.add(graphFile);
        // External data sits next to the graph under the name the graph records: model.onnx.data, model.onnx_data...
        String graphStem = graph + "_data";
        all.stream().filter(f -> f.path().startsWith(graph + ".data") || f.path().startsWith(graphStem)).forEach(wanted::add);
        // Config files: in the graph's folder, the subfolder, or the root (Optimum keeps configs at the root).
        for (String name : CONFIG_FILES) {
            String graphDir = graph.contains("/") ? graph.substring(0, graph.lastIndexOf('/') + 1) : "";
            for (String dir : List.of(graphDir, prefix, "")) {
                var match = all.stream().filter(f -> f.path().equals(dir + name)).findFirst();
                if (match.isPresent()) {
                    wanted.add(match.get());
                    break;
                }
            }
        }
        List<Path> written = new ArrayList<>();
        long total = wanted.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        log.info("pulling {} files of {}@{} ({} MB) into {}", wanted.size(), repo, revision, total / 1_000_000, into);
        // genai_config.json names its graph file, so it keeps its name; an Optimum graph is saved as model.onnx, the
        // name that layout expects. External data keeps its own name either way: the graph refers to it by name.
        boolean genai = wanted.stream().anyMatch(f -> f.fileName().equals("genai_config.json"));
        for (RepoFile file : wanted) {
            String name = file == graphFile && !genai ? "model.onnx" : file.fileName();
            Path target = into.resolve(name);
            downloader.download(repo, revision, file, target);
            written.add(target);
        }
        return written;
    }
}
