package dev.detour.sim;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/** Kills a request's TCP connection the way a crashing upstream or a broken network does. */
final class Connections {

    private Connections() {
    }

    /** Closes the connection with a TCP reset (linger 0), so the client sees a transport error, not a response. */
    static void abort(Context ctx) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return;
        }
        EndPoint endPoint = request.getServletChannel().getEndPoint();
        if (endPoint.getTransport() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // Already closed by the client: a plain close below is all that is left to do.
            }
        }
        endPoint.close();
    }
}
