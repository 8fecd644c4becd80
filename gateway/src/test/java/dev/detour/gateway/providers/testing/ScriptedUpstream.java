package dev.detour.gateway.providers.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP/1.1 server whose every answer is scripted byte by byte, so tests can produce what real servers
 * do when things go wrong: a stream cut mid-answer, a malformed chunk, a reset before headers, a hang.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** One scripted answer: writes to the raw socket output; returning closes the connection. */
    @FunctionalInterface
    public interface Answer {
        void write(OutputStream out, Socket socket) throws Exception;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final ServerSocket server;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private final Thread acceptor;

    public ScriptedUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public ScriptedUpstream enqueue(Answer answer) {
        answers.add(answer);
        return this;
    }

    /** The request lines and bodies received, in order ("POST /v1/chat/completions\n{...}"). */
    public List<String> requests() {
        return requests;
    }

    /** Waits until a connection held open by an answer ({@link #holdOpenUntilClientCloses}) was closed by the client. */
    public boolean awaitClientClose(long millis) throws InterruptedException {
        return closedByClient.await(millis, TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int length = contentLength(head);
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            requests.add(head.lines().findFirst().orElse("") + "\n" + compact(body));
            Answer answer = answers.poll(5, TimeUnit.SECONDS);
            if (answer == null) {
                return;
            }
            answer.write(socket.getOutputStream(), socket);
        } catch (Exception ignored) {
            // A client that went away is part of what these tests do.
        }
    }

    /** The body as compact JSON (LangChain4j pretty-prints), or as received when it is not JSON. */
    private static String compact(String body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (Exception e) {
            return body;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before headers");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    // ---- ready-made answers -------------------------------------------------------------------------------------

    /** A complete answer with a Content-Length body. */
    public static Answer json(int status, String body, String... headers) {
        return (out, socket) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        };
    }

    /** A streamed answer: each piece is written and flushed in turn, then the body ends cleanly (connection close). */
    public static Answer stream(String contentType, List<String> pieces) {
        return (out, socket) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            for (String piece : pieces) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        };
    }

    /** Streams the pieces, then keeps the connection open until the client closes it (which is then recorded). */
    public Answer holdOpenUntilClientCloses(String contentType, List<String> pieces) {
        return (out, socket) -> {
            stream(contentType, pieces).write(out, socket);
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // drain until the client closes
                }
            } catch (IOException closed) {
                // reset by the client counts as closed too
            }
            closedByClient.countDown();
        };
    }

    /** Closes the connection with a reset before any byte of the answer. */
    public static Answer resetBeforeHeaders() {
        return (out, socket) -> {
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** Never answers (until the test ends). */
    public static Answer hang() {
        return (out, socket) -> Thread.sleep(60_000);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
