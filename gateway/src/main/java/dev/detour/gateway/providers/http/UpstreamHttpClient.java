package dev.detour.gateway.providers.http;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * LangChain4j's HTTP client for one provider, over the provider's shared JDK client. Unlike LangChain4j's own JDK
 * client it keeps the status, headers and body of failed answers ({@link UpstreamHttpException}), lets an interrupt
 * of the calling thread cancel a blocking call, and runs each stream on a virtual thread that the adapter can stop
 * through the {@link UpstreamCall} it bound before calling LangChain4j.
 */
public final class UpstreamHttpClient implements HttpClient {

    private static final int MAX_ERROR_BODY_BYTES = 256 * 1024;

    private final java.net.http.HttpClient jdk;
    private final WireProtocol protocol;
    private final Duration responseTimeout;
    // Instance (not static) state: LangChain4j calls execute(...) on the thread that called chat(...), so the
    // adapter binds its call here just before and clears it just after.
    private final ThreadLocal<UpstreamCall> boundCall = new ThreadLocal<>();

    /**
     * @param responseTimeout how long to wait for response headers, a safety net only (the gateway owns timeouts);
     *                        null for none
     */
    public UpstreamHttpClient(java.net.http.HttpClient jdk, WireProtocol protocol, Duration responseTimeout) {
        this.jdk = jdk;
        this.protocol = protocol;
        this.responseTimeout = responseTimeout;
    }

    /** Binds the next stream started on this thread to {@code call}. */
    public void bind(UpstreamCall call) {
        boundCall.set(call);
    }

    public void unbind() {
        boundCall.remove();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            // send() cancels the exchange when the waiting thread is interrupted (JDK 16+), so a gateway timeout
            // that interrupts the caller really ends the upstream call.
            response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamAbandonedException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!isSuccess(response.statusCode())) {
            throw new UpstreamHttpException(response.statusCode(), response.headers(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        byte[] body = response.body();
        String refusal = protocol.refusalIn(new String(body, StandardCharsets.UTF_8));
        if (refusal != null) {
            throw new UpstreamRefusalException(refusal);
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        UpstreamCall call = boundCall.get();
        if (call == null) {
            call = new UpstreamCall(UpstreamCallObserver.NONE);
        }
        java.net.http.HttpRequest jdkRequest = toJdk(request);
        UpstreamCall streamCall = call;
        Thread worker = Thread.ofVirtual().name("detour-upstream-stream")
                .unstarted(() -> stream(jdkRequest, parser, listener, streamCall));
        streamCall.start(worker);
    }

    private void stream(java.net.http.HttpRequest request, ServerSentEventParser parser,
                        ServerSentEventListener listener, UpstreamCall call) {
        HttpResponse<InputStream> response;
        try {
            response = jdk.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            return; // cancelled while waiting for headers
        } catch (IOException e) {
            if (!call.isCancelled()) {
                listener.onError(e);
            }
            return;
        }
        InputStream body = response.body();
        if (!call.attach(body)) {
            return;
        }
        try {
            if (!isSuccess(response.statusCode())) {
                String text = readBounded(body);
                if (!call.isCancelled()) {
                    listener.onError(new UpstreamHttpException(response.statusCode(), response.headers(), text));
                }
                return;
            }
            StreamGuard guard = new StreamGuard(listener, protocol, call);
            guard.onOpen(SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build());
            try {
                parser.parse(body, guard);
            } catch (RuntimeException e) {
                guard.onError(e);
            }
            guard.finish();
        } finally {
            UpstreamCall.closeQuietly(body);
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        for (Map.Entry<String, java.util.List<String>> header : request.headers().entrySet()) {
            if (header.getValue() != null) {
                for (String value : header.getValue()) {
                    builder.header(header.getKey(), value);
                }
            }
        }
        java.net.http.HttpRequest.BodyPublisher publisher = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method().name(), publisher);
        if (responseTimeout != null) {
            builder.timeout(responseTimeout);
        }
        return builder.build();
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static String readBounded(InputStream in) {
        try {
            return new String(in.readNBytes(MAX_ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
