package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK HttpClient wrapper for tests: JSON in, status + headers + body out. */
final class SimClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    SimClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> post(String path, String json) {
        return post(path, json, Duration.ofSeconds(20));
    }

    HttpResponse<String> post(String path, String json, Duration timeout) {
        try {
            return send(path, json, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like post, but lets transport failures (reset, timeout) surface as exceptions for the test to inspect. */
    HttpResponse<String> send(String path, String json, Duration timeout) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-test")
                .header("x-api-key", "test")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Sends and waits at most {@code total} for the whole body: the JDK client's request timeout stops at the
     * response headers, so a stalled stream needs this to fail. Throws TimeoutException when the budget runs out.
     */
    HttpResponse<String> sendWithin(String path, String json, Duration total) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        var future = HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(total.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            future.cancel(true);
        }
    }

    HttpResponse<String> get(String path) {
        return method("GET", path, null);
    }

    HttpResponse<String> delete(String path) {
        return method("DELETE", path, null);
    }

    HttpResponse<String> method(String method, String path, String json) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return json(r.body());
    }
}
