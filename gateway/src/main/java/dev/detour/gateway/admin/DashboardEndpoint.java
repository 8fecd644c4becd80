package dev.detour.gateway.admin;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /dashboard}: one self-contained page (no CDN, no build step) that shows provider health live, the last
 * hour of failover events, and usage and cache totals, all read from the admin JSON endpoints by the browser.
 */
public final class DashboardEndpoint {

    static final String RESOURCE = "/dashboard/index.html";

    /**
     * The page runs only its own inline script and talks only to this gateway: a stray external reference would be
     * blocked by the browser instead of leaking the operator's view to a third party.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; "
            + "style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

    private final byte[] page;

    public DashboardEndpoint() {
        // Read once at start: a missing page is a packaging mistake, found at start-up rather than on first visit.
        try (InputStream in = DashboardEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + RESOURCE + " is missing from the classpath");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }
}
