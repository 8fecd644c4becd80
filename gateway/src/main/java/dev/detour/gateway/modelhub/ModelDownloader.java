package dev.detour.gateway.modelhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Downloads repository files into a folder, each first into {@code <name>.part}: an interrupted download resumes
 * from where it stopped (HTTP Range), and a file is moved into place only once its content hashes to what the hub
 * listed (SHA-256 of LFS files, the git blob SHA-1 of the others). A mismatch deletes the part file.
 */
public final class ModelDownloader {

    private static final int BUFFER = 1 << 16;

    private final HubClient hub;
    private final DownloadProgress progress;

    public ModelDownloader(HubClient hub, DownloadProgress progress) {
        this.hub = hub;
        this.progress = progress;
    }

    /**
     * Puts {@code file} at {@code target}, unless a verified copy is already there.
     *
     * @return false when the file was already there and verified
     */
    public boolean download(String repo, String revision, RepoFile file, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.isRegularFile(target) && Files.size(target) == file.size()) {
            String existing = verify(file, target);
            progress.verified(file, existing);
            return false;
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (file.size() >= 0 && offset > file.size()) {
            Files.delete(part);
            offset = 0;
        }
        if (offset < file.size() || file.size() < 0) {
            fetch(repo, revision, file, part, offset);
        }
        String checksum;
        try {
            checksum = verify(file, part);
        } catch (ChecksumMismatchException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.verified(file, checksum);
        return true;
    }

    private void fetch(String repo, String revision, RepoFile file, Path part, long offset)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = hub.open(repo, revision, file, offset);
        boolean append;
        if (response.statusCode() == 206) {
            append = true;
        } else if (response.statusCode() == 200) {
            append = false; // the server ignored the range: start over
            offset = 0;
        } else {
            response.body().close();
            throw new IOException("downloading " + file.path() + ": the hub answered " + response.statusCode());
        }
        long resumedFrom = offset;
        long done = offset;
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                done += n;
                progress.bytes(file, done, file.size(), resumedFrom);
            }
        }
        if (file.size() >= 0 && done != file.size()) {
            throw new IOException("downloading " + file.path() + ": got " + done + " of " + file.size()
                    + " bytes; run again to resume");
        }
    }

    /** The checksum the hub listed, checked against the file's content; returns it as "sha256:..." or "git-sha1:...". */
    static String verify(RepoFile file, Path path) throws IOException {
        if (file.sha256() != null) {
            String actual = hash("SHA-256", null, path);
            if (!actual.equalsIgnoreCase(file.sha256())) {
                throw new ChecksumMismatchException(file.path() + ": SHA-256 is " + actual + ", the hub lists " + file.sha256());
            }
            return "sha256:" + actual;
        }
        if (file.gitBlobSha1() != null) {
            String actual = hash("SHA-1", "blob " + Files.size(path) + "\0", path);
            if (!actual.equalsIgnoreCase(file.gitBlobSha1())) {
                throw new ChecksumMismatchException(file.path() + ": git blob id is " + actual + ", the hub lists "
                        + file.gitBlobSha1());
            }
            return "git-sha1:" + actual;
        }
        throw new ChecksumMismatchException(file.path() + ": the hub lists no checksum, so the file cannot be trusted");
    }

    private static String hash(String algorithm, String header, Path path) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            if (header != null) {
                digest.update(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
