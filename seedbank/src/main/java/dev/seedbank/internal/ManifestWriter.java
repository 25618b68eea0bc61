package dev.seedbank.internal;

import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Writes a run's manifest off the training thread, at most once per {@link #PACE_NANOS}, and never busier than one
 * part in {@link #IDLE_FACTOR} + 1 of the time: serialising and atomically replacing {@code manifest.json} costs
 * milliseconds, and the manifest grows with every epoch's snapshot, so writing it after each epoch of a small, fast
 * network cost 5-30% of {@code fit()} (docs/benchmarks.md), and the writes of a run with tens of thousands of
 * snapshots (megabytes) would take a core's time from training. The manifest's content is fixed on the training
 * thread before it is handed over; the writer keeps only the newest one handed over and writes it when the pace
 * allows, so the file always holds a whole manifest, at most a second (or {@link #IDLE_FACTOR} times the last write's
 * time) older than the training. The clock paces the writes only: what is written does not depend on it. A write
 * that fails is reported by the next call, as the exception it threw. {@link #writeNow} writes on the calling
 * thread, replacing what waits.
 *
 * <p>Thread-safe.
 */
final class ManifestWriter {
    /** The shortest time between two background writes. */
    static final long PACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** After a background write, the writer waits at least this many times as long as the write took. */
    static final long IDLE_FACTOR = 19;

    private final Path dir;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seedbank-run-record");
        t.setDaemon(true); // a program that never closes its session still exits; the shutdown hook writes last
        return t;
    });
    private final AtomicReference<Supplier<RunManifest>> pending = new AtomicReference<>();
    private final Object file = new Object();
    private long lastWrite = System.nanoTime() - PACE_NANOS;
    private long pace = PACE_NANOS;
    private volatile IOException failure;

    ManifestWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Builds and writes {@code m} on the background thread, unless a newer manifest replaces it before it is written.
     * {@code m} must depend on values that do not change (its content is fixed when it is handed over).
     */
    void writeLater(Supplier<RunManifest> m) throws IOException {
        throwFailure();
        if (pending.getAndSet(m) == null) {
            long wait;
            synchronized (file) {
                wait = Math.max(0, lastWrite + pace - System.nanoTime());
            }
            thread.schedule(this::writePending, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Writes {@code m} now, on the calling thread; a manifest still waiting is dropped (this one is newer). */
    void writeNow(RunManifest m) throws IOException {
        synchronized (file) {
            pending.set(null);
            throwFailure();
            RunDirectory.writeManifest(dir, m);
            lastWrite = System.nanoTime();
        }
    }

    /** Ends the background thread; call after the last {@link #writeNow}. */
    void close() {
        thread.shutdownNow();
    }

    private void writePending() {
        synchronized (file) {
            Supplier<RunManifest> m = pending.getAndSet(null);
            if (m != null) {
                long start = System.nanoTime();
                try {
                    RunDirectory.writeManifest(dir, m.get());
                } catch (IOException e) {
                    failure = e;
                }
                lastWrite = System.nanoTime();
                pace = Math.max(PACE_NANOS, IDLE_FACTOR * (lastWrite - start));
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
