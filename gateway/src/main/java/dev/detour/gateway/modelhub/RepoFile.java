package dev.detour.gateway.modelhub;

/**
 * One file of a Hugging Face model repository, with what the hub says its content hashes to.
 *
 * @param sha256 the LFS object id (SHA-256 of the content) for large files, else null
 * @param gitBlobSha1 the git blob id (SHA-1 of "blob {size}\0" + content), which every file has
 */
public record RepoFile(String path, long size, String sha256, String gitBlobSha1) {

    /** The file name without the repository folders. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
