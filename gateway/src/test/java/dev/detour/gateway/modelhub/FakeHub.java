package dev.detour.gateway.modelhub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1 (JDK HTTP server): lists one repository's files with their hashes
 * and serves them with HTTP Range. It can cut a download half way once, and list a wrong hash.
 */
final class FakeHub implements AutoCloseable {

    static final String REPO = "acme/Tiny-Instruct";

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Set<String> lfs = ConcurrentHashMap.newKeySet();
    private final Map<String, String> wrongHash = new ConcurrentHashMap<>();
    private final Set<String> cutOnce = ConcurrentHashMap.newKeySet();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeHub file(String path, byte[] content, boolean isLfs) {
        files.put(path, content);
        if (isLfs) {
            lfs.add(path);
        }
        return this;
    }

    FakeHub listWrongHash(String path) {
        wrongHash.put(path, "0".repeat(64));
        return this;
    }

    FakeHub cutOnce(String path) {
        cutOnce.add(path);
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(path + (range == null ? "" : " " + range));
        try (exchange) {
            if (path.equals("/api/models/" + REPO + "/revision/main")) {
                send(exchange, 200, listing().getBytes(StandardCharsets.UTF_8), 0, false);
                return;
            }
            String prefix = "/" + REPO + "/resolve/main/";
            byte[] content = path.startsWith(prefix) ? files.get(path.substring(prefix.length())) : null;
            if (content == null) {
                send(exchange, 404, "{\"error\":\"Entry not found\"}".getBytes(StandardCharsets.UTF_8), 0, false);
                return;
            }
            int from = range == null ? 0 : Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            if (range != null) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            }
            send(exchange, range == null ? 200 : 206, content, from, cutOnce.remove(path.substring(prefix.length())));
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] content, int from, boolean cut) throws IOException {
        exchange.sendResponseHeaders(status, content.length - from);
        OutputStream out = exchange.getResponseBody();
        if (cut) {
            // Half the body, then the connection drops: what a network failure mid-download looks like.
            out.write(content, from, (content.length - from) / 2);
            out.flush();
            exchange.getHttpContext().getServer();
            throw new IOException("cut on purpose");
        }
        out.write(content, from, content.length - from);
    }

    private String listing() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("id", REPO);
        ArrayNode siblings = root.putArray("siblings");
        files.forEach((path, content) -> {
            ObjectNode sibling = siblings.addObject().put("rfilename", path).put("size", content.length)
                    .put("blobId", gitBlob(content));
            if (lfs.contains(path)) {
                sibling.putObject("lfs").put("sha256", wrongHash.getOrDefault(path, sha256(content)))
                        .put("size", content.length).put("pointerSize", 134);
            } else if (wrongHash.containsKey(path)) {
                sibling.put("blobId", "1".repeat(40));
            }
        });
        return root.toString();
    }

    static String sha256(byte[] content) {
        return digest("SHA-256", new byte[0], content);
    }

    static String gitBlob(byte[] content) {
        return digest("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
    }

    private static String digest(String algorithm, byte[] header, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(header);
            return HexFormat.of().formatHex(digest.digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
