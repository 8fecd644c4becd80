package dev.detour.bench;

import java.nio.charset.StandardCharsets;

/**
 * The one request every cell sends. The gateway's route is named like the simulator's model, so the bytes sent
 * direct and through the gateway are identical; only the port differs.
 */
final class Workload {

    /** The simulator's model, and the gateway route in front of it. */
    static final String MODEL = "sim-model";

    static final String PROMPT = "Explain in one short paragraph why a gateway in front of LLM providers helps";

    private Workload() {
    }

    static byte[] body(Mode mode) {
        return ("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}],"
                + "\"stream\":" + mode.streams() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The gateway's configuration: one OpenAI-compatible provider (the simulator) behind one route, no cache. */
    static String gatewayConfig(int simPort) {
        return """
                server: {host: 127.0.0.1, port: 0}
                providers:
                  sim:
                    kind: openai-compatible
                    base_url: http://127.0.0.1:%d/v1
                    api_key: unused
                    models:
                      %s: {context_window: 128000, input_price: 0.1, output_price: 0.4}
                routes:
                  %s:
                    tiers:
                      - {targets: [sim/%s], timeout: 5s}
                # Proxying is what is measured: with the cache on, every repeat of the one request is an exact hit.
                cache: {enabled: false}
                """.formatted(simPort, MODEL, MODEL, MODEL);
    }
}
