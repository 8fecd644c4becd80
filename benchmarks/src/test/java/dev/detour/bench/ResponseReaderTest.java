package dev.detour.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseReaderTest {

    private static ResponseReader reader(String wire) {
        return new ResponseReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void readsBackToBackResponsesOnOneConnection() throws IOException {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                + "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\nConnection: close\r\n\r\n");

        assertThat(reader.read()).isEqualTo(new ResponseReader.Response(200, false, false));
        assertThat(reader.read()).isEqualTo(new ResponseReader.Response(429, true, false));
    }

    @Test
    void aChunkedStreamEndingWithDoneIsComplete() throws IOException {
        String events = "data: {\"choices\":[{\"delta\":{\"content\":\"Echo:\"}}]}\n\n";
        String done = "data: [DONE]\n\n";
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(events.length()) + "\r\n" + events + "\r\n"
                + Integer.toHexString(done.length()) + ";ext=1\r\n" + done + "\r\n"
                + "0\r\n\r\n");

        assertThat(reader.read()).isEqualTo(new ResponseReader.Response(200, false, true));
    }

    @Test
    void aStreamThatStopsWithAnErrorEventIsNotComplete() throws IOException {
        String error = "data: {\"error\":{\"code\":\"stream_interrupted\"}}\n\n";
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(error.length()) + "\r\n" + error + "\r\n0\r\n\r\n");

        assertThat(reader.read().endsWithDone()).isFalse();
    }

    @Test
    void aConnectionClosedMidBodyIsAnError() {
        ResponseReader reader = reader("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"a\"");

        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }
}
