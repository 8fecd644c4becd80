package dev.detour.gateway.providers.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The one JDK HTTP client of a configured provider, shared by all its deployments (HTTP/1.1 keep-alive). */
public final class ProviderHttp implements AutoCloseable {

    private final HttpClient jdk;
    private final ExecutorService executor;

    public ProviderHttp(Duration connectTimeout) {
        // Virtual threads for the client's own tasks: no platform thread pool to size, none pinned by a slow body.
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.jdk = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    public HttpClient jdk() {
        return jdk;
    }

    /** A LangChain4j client over this provider's connection pool, guarding streams with {@code protocol}. */
    public UpstreamHttpClient client(WireProtocol protocol, Duration responseTimeout) {
        return new UpstreamHttpClient(jdk, protocol, responseTimeout);
    }

    @Override
    public void close() {
        // shutdownNow, not close: close() would wait for streams still being read.
        jdk.shutdownNow();
        executor.shutdownNow();
    }
}
