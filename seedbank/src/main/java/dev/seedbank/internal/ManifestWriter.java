package dev.seedbank.internal;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunManifest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a run's manifest off the training thread: serialising and atomically replacing {@code manifest.json} cost
 * milliseconds per epoch (more than the rest of the run record for small networks, docs/benchmarks.md), while the
 * manifest's content is fixed on the training thread before it is handed over. One background thread writes the
 * latest manifest handed to it; one handed over while an older one waits replaces it (the file only ever shows a
 * complete manifest, and the newest). A write that fails is reported by the next call, as the exception the write
 * threw. {@link #writeNow} waits for the writes handed over before and writes on the calling thread.
 *
 * <p>Thread-safe.
 */
final class ManifestWriter {
    private final Path dir;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seedbank-run-record");
        t.setDaemon(true); // a program that never closes its session still exits; the shutdown hook writes last
        return t;
    });
    private final AtomicReference<RunManifest> pending = new AtomicReference<>();
    private volatile IOException failure;

    ManifestWriter(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code m} on the background thread, unless a newer manifest replaces it before it is written. */
    void writeLater(RunManifest m) throws IOException {
        throwFailure();
        if (pending.getAndSet(m) == null) {
            thread.execute(this::writePending);
        }
    }

    /** Waits for the manifests handed over before, then writes {@code m} on the calling thread. */
    void writeNow(RunManifest m) throws IOException {
        try {
            thread.submit(() -> { }).get(); // one thread: every earlier write has run
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + dir.resolve(RunManifest.FILE));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        throwFailure();
        RunDirectory.writeManifest(dir, m);
    }

    /** Ends the background thread (after the writes handed over). */
    void close() {
        thread.shutdown();
    }

    private void writePending() {
        RunManifest m = pending.getAndSet(null);
        if (m != null) {
            try {
                RunDirectory.writeManifest(dir, m);
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    private void throwFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
