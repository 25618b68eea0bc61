package dev.seedbank.rng.scope;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link ExecutorService} that gives the {@code n}-th submitted task (counting from 0) its own stream
 * {@code base/n}, bound with {@link StreamScope} while the task runs. What a task draws therefore depends
 * on its submission index only, not on which worker thread runs it, how many there are, or when.
 *
 * <p>Thread-safe. Indices follow the order of {@code execute}/{@code submit}/{@code invokeAll} calls: submit
 * from one thread (or in an otherwise fixed order) for repeatable results.
 */
public final class SeededExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;
    private final StreamKey baseKey;
    private final AtomicLong submitted = new AtomicLong();

    /** Wraps {@code delegate}; task {@code n} draws from {@code registry.stream(base/n)}. */
    public SeededExecutor(ExecutorService delegate, SeedRegistry registry, StreamPath base) {
        this.delegate = delegate;
        this.baseKey = registry.key(base);
    }

    /** The number of tasks submitted so far (the next task's index). */
    public long submitted() {
        return submitted.get();
    }

    @Override
    public void execute(Runnable command) {
        long index = submitted.getAndIncrement();
        PhiloxStream stream = baseKey.child(index).stream();
        delegate.execute(() -> {
            try (StreamScope ignored = StreamScope.bind(stream)) {
                command.run();
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
