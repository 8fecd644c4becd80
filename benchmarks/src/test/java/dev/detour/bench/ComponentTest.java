package dev.detour.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentTest {

    @Test
    void namesTheLibraryAFrameBelongsTo() {
        assertThat(Component.of("com.fasterxml.jackson.core.json.UTF8JsonGenerator.writeString")).isEqualTo(Component.JACKSON);
        assertThat(Component.of("jdk.internal.net.http.Http1Exchange.sendHeadersAsync")).isEqualTo(Component.JDK_HTTP_CLIENT);
        assertThat(Component.of("org.eclipse.jetty.server.internal.HttpConnection.onFillable")).isEqualTo(Component.JETTY);
        assertThat(Component.of("java.util.concurrent.LinkedBlockingQueue.poll")).isEqualTo(Component.CONCURRENCY);
    }

    @Test
    void genericJdkCodeBelongsToNoComponent() {
        assertThat(Component.of("java.util.HashMap.get")).isNull();
        assertThat(Component.of("sun.nio.ch.SocketDispatcher.write0")).isNull();
    }
}
