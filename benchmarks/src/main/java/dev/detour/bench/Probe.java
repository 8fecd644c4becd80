package dev.detour.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request before the load starts and checks the answer is the real thing, not a fast error. */
final class Probe {

    private Probe() {
    }

    /** Returns the response's {@code x-detour-provider} header (or "-") when the answer is good; throws otherwise. */
    static String check(URI url, Mode mode) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Workload.body(mode))).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            boolean good = response.statusCode() == 200 && body.contains("Echo")
                    && (!mode.streams() || body.stripTrailing().endsWith("data: [DONE]"));
            if (!good) {
                throw new IllegalStateException("unexpected answer from " + url + " (" + mode.label() + "): "
                        + response.statusCode() + "\n" + body.substring(0, Math.min(body.length(), 2000)));
            }
            return response.headers().firstValue("x-detour-provider").orElse("-");
        }
    }
}
