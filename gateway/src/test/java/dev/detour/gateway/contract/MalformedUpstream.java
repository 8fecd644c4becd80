package dev.detour.gateway.contract;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that answers every request with 200 and a body that is not its protocol (cut-off JSON). The sim has
 * no such fault for non-streamed answers, so this stands in for it.
 */
final class MalformedUpstream implements AutoCloseable {

    private static final byte[] BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"ind"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private MalformedUpstream(HttpServer server) {
        this.server = server;
    }

    static MalformedUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            MalformedUpstream upstream = new MalformedUpstream(server);
            server.createContext("/", exchange -> {
                upstream.requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BODY);
                }
            });
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenAI-style base URL: {@code http://127.0.0.1:PORT/v1}. */
    String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
