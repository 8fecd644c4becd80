package dev.detour.gateway.modelhub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as log lines: one every few seconds per file, and one when a file is verified. */
public final class LoggedProgress implements DownloadProgress {

    private static final Logger log = LoggerFactory.getLogger(LoggedProgress.class);
    private static final long EVERY_NANOS = 3_000_000_000L;

    private long lastLine = System.nanoTime();

    @Override
    public void bytes(RepoFile file, long done, long total, long resumedFrom) {
        long now = System.nanoTime();
        if (now - lastLine < EVERY_NANOS) {
            return;
        }
        lastLine = now;
        String resumed = resumedFrom > 0 ? " (resumed at " + mb(resumedFrom) + " MB)" : "";
        log.info("{}: {} of {} MB ({}%){}", file.path(), mb(done), mb(total), total > 0 ? done * 100 / total : 0, resumed);
    }

    @Override
    public void verified(RepoFile file, String checksum) {
        log.info("{}: {} MB, {} verified", file.path(), mb(file.size()), checksum);
    }

    private static String mb(long bytes) {
        return String.format("%.1f", bytes / 1e6);
    }
}
