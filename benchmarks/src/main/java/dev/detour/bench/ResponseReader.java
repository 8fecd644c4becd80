package dev.detour.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one HTTP/1.1 response off a keep-alive connection with as little work as possible: the status, the
 * framing headers, then the body (Content-Length or chunked), keeping only its last bytes to check how it ends.
 */
final class ResponseReader {

    private static final byte[] DONE = "data: [DONE]".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private final byte[] tail = new byte[32];
    private int tailLength;
    private final StringBuilder line = new StringBuilder(128);

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** What one response said: its status, whether the server will close the connection, how the body ended. */
    record Response(int status, boolean close, boolean endsWithDone) {
    }

    Response read() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        tailLength = 0;
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body(size);
                readLine();
            }
            while (!readLine().isEmpty()) {
                // trailers: none expected, skipped if any
            }
        } else if (length >= 0) {
            body(length);
        } else {
            throw new IOException("response without Content-Length or chunked encoding");
        }
        return new Response(status, close, endsWithDone());
    }

    private long chunkSize() throws IOException {
        String size = readLine();
        int extension = size.indexOf(';');
        return Long.parseLong(extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private void body(long length) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit) {
                fill();
            }
            int n = (int) Math.min(limit - position, left);
            keepTail(position, n);
            position += n;
            left -= n;
        }
    }

    /** Keeps the last bytes of the body seen so far, without copying the rest of it anywhere. */
    private void keepTail(int from, int n) {
        if (n >= tail.length) {
            System.arraycopy(buffer, from + n - tail.length, tail, 0, tail.length);
            tailLength = tail.length;
        } else {
            int keep = Math.min(tailLength, tail.length - n);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            System.arraycopy(buffer, from, tail, keep, n);
            tailLength = keep + n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("connection closed");
        }
        position = 0;
        limit = n;
    }

    /** True when the body's last non-blank line is {@code data: [DONE]}. */
    private boolean endsWithDone() {
        int end = tailLength;
        while (end > 0 && (tail[end - 1] == '\n' || tail[end - 1] == '\r')) {
            end--;
        }
        if (end < DONE.length) {
            return false;
        }
        for (int i = 0; i < DONE.length; i++) {
            if (tail[end - DONE.length + i] != DONE[i]) {
                return false;
            }
        }
        return true;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit) {
                fill();
            }
            int b = buffer[position++] & 0xff;
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }
}
