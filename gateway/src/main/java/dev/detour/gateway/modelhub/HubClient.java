package dev.detour.gateway.modelhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two Hugging Face hub calls a download needs: the file list of a revision with its hashes
 * ({@code /api/models/{repo}/revision/{rev}?blobs=true}) and a file's bytes, from an offset
 * ({@code /{repo}/resolve/{rev}/{path}} with an HTTP Range). The base URL is https://huggingface.co or a mirror.
 */
public final class HubClient {

    public static final String DEFAULT_BASE_URL = "https://huggingface.co";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    /** @param token a Hugging Face access token for gated repositories, or null */
    public HubClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        // The hub redirects file downloads to its CDN.
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Every file of {@code repo} at {@code revision}. */
    public List<RepoFile> files(String repo, String revision) throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + "/api/models/" + repo + "/revision/" + encode(revision) + "?blobs=true");
        HttpResponse<String> response = http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the hub answered " + response.statusCode() + " for " + repo + "@" + revision
                    + (response.statusCode() == 401 || response.statusCode() == 403 ? " (a gated model needs --token)" : ""));
        }
        List<RepoFile> files = new ArrayList<>();
        for (JsonNode sibling : JSON.readTree(response.body()).path("siblings")) {
            JsonNode lfs = sibling.path("lfs");
            long size = lfs.isObject() ? lfs.path("size").asLong(-1) : sibling.path("size").asLong(-1);
            files.add(new RepoFile(sibling.path("rfilename").asText(), size,
                    lfs.isObject() ? lfs.path("sha256").asText(null) : null, sibling.path("blobId").asText(null)));
        }
        return files;
    }

    /**
     * The bytes of a file from {@code offset} on. The response is 206 when the server honoured the range, 200 when
     * it sends the whole file (the caller must then start over).
     */
    public HttpResponse<InputStream> open(String repo, String revision, RepoFile file, long offset)
            throws IOException, InterruptedException {
        URI uri = URI.create(baseUrl + "/" + repo + "/resolve/" + encode(revision) + "/" + file.path());
        HttpRequest.Builder request = request(uri);
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
