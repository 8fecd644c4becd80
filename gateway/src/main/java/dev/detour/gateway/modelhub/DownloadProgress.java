package dev.detour.gateway.modelhub;

/** Told how a download goes, so a command can show progress. */
public interface DownloadProgress {

    /** {@code done} of {@code total} bytes of {@code file} are on disk ({@code resumedFrom} were there before). */
    void bytes(RepoFile file, long done, long total, long resumedFrom);

    /** The file is complete and its checksum matched. */
    void verified(RepoFile file, String checksum);
}
