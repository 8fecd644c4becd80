package dev.detour.gateway.cost;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Fetches the bytes of a price list from a file or an http(s) URL. */
final class PriceSource {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final String location;
    private final HttpClient http;

    PriceSource(String location) {
        this.location = location;
        this.http = isUrl(location) ? HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build() : null;
    }

    String location() {
        return location;
    }

    byte[] fetch() throws IOException, InterruptedException {
        if (http == null) {
            return Files.readAllBytes(Path.of(location));
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(location)).timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }
}
