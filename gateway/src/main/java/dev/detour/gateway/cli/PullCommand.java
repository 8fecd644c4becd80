package dev.detour.gateway.cli;

import dev.detour.gateway.modelhub.HubClient;
import dev.detour.gateway.modelhub.LoggedProgress;
import dev.detour.gateway.modelhub.ModelPull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code detour models pull <repo>}: downloads a model folder from Hugging Face, checksummed and resumable. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Download an ONNX model from Hugging Face into models/<name>/ (checksummed; run again to resume).")
public final class PullCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(PullCommand.class);

    @Parameters(index = "0", description = "repository, e.g. onnx-community/Qwen2.5-0.5B-Instruct")
    String repo;

    @Option(names = "--revision", defaultValue = "main", description = "branch, tag or commit (default: ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--subfolder", defaultValue = "", description = "folder of the model inside the repository "
            + "(e.g. cpu_and_mobile/cpu-int4-rtn-block-32-acc-level-4 for an onnxruntime-genai export)")
    String subfolder;

    @Option(names = "--onnx-file", description = "the graph to take, e.g. onnx/model_q4.onnx (default: model.onnx in the subfolder)")
    String onnxFile;

    @Option(names = "--name", description = "folder name under --models-dir (default: the repository's name)")
    String name;

    @Option(names = "--models-dir", defaultValue = "models", description = "default: ${DEFAULT-VALUE}")
    Path modelsDir;

    @Option(names = "--hub", defaultValue = HubClient.DEFAULT_BASE_URL, description = "hub or mirror base URL (default: ${DEFAULT-VALUE})")
    String hub;

    @Override
    public Integer call() throws Exception {
        String folder = name != null ? name : repo.substring(repo.lastIndexOf('/') + 1);
        Path into = modelsDir.resolve(folder);
        // The token (for gated models) comes from the environment, never from the command line or a log.
        ModelPull pull = new ModelPull(new HubClient(hub, System.getenv("HF_TOKEN")), new LoggedProgress());
        try {
            pull.pull(repo, revision, subfolder, onnxFile, into);
        } catch (java.io.IOException e) {
            // Part files stay: running the same command again resumes them.
            log.error("pulling {} from {} failed: {} (run the command again to resume)", repo, hub,
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return 1;
        }
        log.info("{} is ready: the gateway serves it as local/{} at its next start", into, folder);
        return 0;
    }
}
