package dev.detour.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class MainTest {

    @Test
    void launchPrintsTheBaseUrlFirstAndPlaysTheScenario(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "models:\n  - name: down\n    fault: {type: status, status: 503}\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProviderSim sim = Main.launch(new String[] {"--port", "0", "--scenario", scenario.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String first = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertThat(first).isEqualTo("provider-sim listening on " + sim.baseUrl());
            SimClient client = new SimClient(sim.baseUrl());
            assertThat(client.post("/v1/chat/completions",
                    "{\"model\":\"down\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}").statusCode()).isEqualTo(503);
        } finally {
            sim.close();
        }
    }

    @Test
    void rejectsBadArguments() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Main.launch(new String[] {"--port", "x"}, out)).hasMessageContaining("--port");
        assertThatThrownBy(() -> Main.launch(new String[] {"--bogus"}, out)).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Main.launch(new String[] {"--scenario", "/no/such.yaml"}, out)).hasMessageContaining("scenario");
    }

    @Test
    void runsAsAProcessAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.detour.sim.Main",
                "--port", "0", "--scenario", "scenarios/flaky-primary.yaml")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).matches("provider-sim listening on http://127\\.0\\.0\\.1:\\d+");
            String baseUrl = first.substring("provider-sim listening on ".length());
            assertThat(new SimClient(baseUrl).get("/_sim/health").statusCode()).isEqualTo(200);
            p.destroy(); // SIGTERM: the shutdown hook closes the sim and the process ends
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
