package dev.detour.gateway.support;

import javax.net.ssl.SSLSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tiny HTTP client for tests that talk to a gateway on loopback. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, "application/json", json);
    }

    /**
     * Posts a body and reads the answer as text. Uses HttpURLConnection rather than java.net.http: when a stream
     * breaks off (the gateway cuts a stream that failed mid-way), the JDK HttpClient may drop data it had already
     * received, while HttpURLConnection hands over everything before the break, in order.
     */
    public HttpResponse<String> post(String path, String contentType, String body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            if (contentType != null) {
                connection.setRequestProperty("Content-Type", contentType);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            Map<String, List<String>> headers = new HashMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null) {
                    headers.put(name, values);
                }
            });
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean broken = in != null && readAll(in, received);
            return new TextResponse(status, HttpHeaders.of(headers, (a, b) -> true), connection.getURL().toURI(),
                    received.toString(StandardCharsets.UTF_8), broken);
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads until the end; true when the transfer broke off instead of ending properly. */
    private static boolean readAll(InputStream in, ByteArrayOutputStream into) {
        try (in) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                into.write(buffer, 0, n);
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Sends a request and reads the body as text. A body whose transfer breaks off (the gateway drops a stream that
     * failed mid-way) is returned as far as it arrived, and {@link #brokenOff(HttpResponse)} says so.
     */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            boolean broken = readAll(response.body(), received);
            return new TextResponse(response.statusCode(), response.headers(), response.uri(),
                    received.toString(StandardCharsets.UTF_8), broken);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the response's body transfer broke off before its proper end. */
    public static boolean brokenOff(HttpResponse<String> response) {
        return response instanceof TextResponse text && text.brokenOff();
    }

    /** A response whose body was read as text, possibly only in part. */
    private record TextResponse(int statusCode, HttpHeaders headers, URI uri, String body, boolean brokenOff)
            implements HttpResponse<String> {

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(uri).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }
}
