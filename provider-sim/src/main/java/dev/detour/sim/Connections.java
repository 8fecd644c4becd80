package dev.detour.sim;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Kills a request's TCP connection the way a crashing upstream or a broken network does. */
final class Connections {

    private Connections() {
    }

    /** Closes the connection with a TCP reset (linger 0), so the client sees a transport error, not a response. */
    static void abort(Context ctx) {
        EndPoint endPoint = endPoint(ctx);
        if (endPoint == null) {
            return;
        }
        if (endPoint.getTransport() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // Already closed by the client: a plain close below is all that is left to do.
            }
        }
        endPoint.close();
    }

    /**
     * True when the client has closed its side. Jetty does not read while a handler runs, so a held request would
     * never learn that its client gave up; a one-byte non-blocking read answers it (EOF = gone). A client that has
     * an answer pending sends nothing else on an HTTP/1.1 connection, so any byte read also means the exchange is
     * over: the connection is then dropped anyway.
     */
    static boolean clientGone(Context ctx) {
        EndPoint endPoint = endPoint(ctx);
        if (endPoint == null || !endPoint.isOpen()) {
            return true;
        }
        if (endPoint.getTransport() instanceof SocketChannel channel && !channel.isBlocking()) {
            try {
                return channel.read(ByteBuffer.allocate(1)) != 0;
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
    }

    private static EndPoint endPoint(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        return request == null ? null : request.getServletChannel().getEndPoint();
    }
}
