package dev.seedbank.nd4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a partial file:
 * the content goes to a temporary sibling, which then replaces the target with an atomic rename.
 * Stateless; thread-safe for distinct targets.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes one file's content to the given path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    /** Runs {@code writer} on a temporary sibling of {@code target}, then renames it over {@code target}. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            writer.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
