package dev.detour.local;

import java.nio.file.Path;

/** A folder that is not a usable model: the message names the missing or wrong file. */
public final class InvalidModelFolderException extends LocalModelException {

    private final Path file;

    public InvalidModelFolderException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InvalidModelFolderException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or folder) at fault. */
    public Path file() {
        return file;
    }
}
