package dev.detour.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator in the harness's own JVM: one platform thread per connection, each with its own
 * keep-alive socket, writing a prepared request and reading the response with {@link ResponseReader}. Latencies go
 * to an HdrHistogram per connection. It checks every response (2xx; a stream must end with {@code data: [DONE]}),
 * which wrk does not, at the price of more CPU per request.
 */
public final class JavaLoadGenerator implements LoadGenerator {

    private static final long MAX_LATENCY_MICROS = Duration.ofSeconds(60).toNanos() / 1000;

    @Override
    public String name() {
        return "java (raw sockets, a platform thread per connection)";
    }

    @Override
    public LoadResult run(URI url, byte[] body, Mode mode, int connections, Duration duration)
            throws InterruptedException {
        byte[] request = request(url, body);
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        for (int i = 0; i < connections; i++) {
            Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
            histograms.add(histogram);
            threads.add(Thread.ofPlatform().name("load-" + i).daemon().start(
                    () -> connection(address, request, mode, deadline, histogram, errors)));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(MAX_LATENCY_MICROS, 3);
        histograms.forEach(all::add);
        long failed = errors.get();
        return new LoadResult(all.getTotalCount() + failed, failed, seconds,
                all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(50),
                all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(99), 0);
    }

    /** One connection's loop; only good responses are timed, every bad one is counted and the socket reopened. */
    private static void connection(InetSocketAddress address, byte[] request, Mode mode, long deadline,
                                   Histogram histogram, AtomicLong errors) {
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(10_000);
                socket.connect(address, 5_000);
                OutputStream out = socket.getOutputStream();
                ResponseReader reader = new ResponseReader(socket.getInputStream());
                while (System.nanoTime() < deadline) {
                    long sent = System.nanoTime();
                    out.write(request);
                    ResponseReader.Response response = reader.read();
                    long micros = (System.nanoTime() - sent) / 1000;
                    boolean good = response.status() / 100 == 2 && (!mode.streams() || response.endsWithDone());
                    if (good) {
                        histogram.recordValue(Math.min(micros, MAX_LATENCY_MICROS));
                    } else {
                        errors.incrementAndGet();
                    }
                    if (response.close()) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                pause(); // a refused connection must not turn into a busy loop that starves the servers
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] request(URI url, byte[] body) {
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }
}
