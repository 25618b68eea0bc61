package dev.seedbank.rng.scope;

import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Binds a stream to the current thread for the duration of a task: the "current stream" that code deep
 * in a call tree draws from without passing it around. Scopes nest; closing one restores the stream
 * bound before it.
 *
 * <pre>{@code
 * try (StreamScope scope = StreamScope.bind(registry.stream("augment/sample=17"))) {
 *     float jitter = StreamScope.current().nextFloat();
 * }
 * }</pre>
 *
 * <p>A scope belongs to the thread that opened it: closing it on another thread, or closing an outer
 * scope before an inner one, throws {@link IllegalStateException}. The static methods are thread-safe
 * (each thread sees its own binding).
 *
 * <p>{@link BindHook}s let other generators follow the current stream: rng-nd4j registers one that binds
 * the thread's ND4J generator for the scope's lifetime, so tasks of a {@link SeededExecutor} or
 * {@link ParallelFor} draw deterministic ND4J values too.
 */
public final class StreamScope implements AutoCloseable {
    private static final ThreadLocal<StreamScope> CURRENT = new ThreadLocal<>();
    private static final CopyOnWriteArrayList<BindHook> HOOKS = new CopyOnWriteArrayList<>();

    private final PhiloxStream stream;
    private final StreamScope outer;
    private final Thread owner;
    private final List<AutoCloseable> hookHandles = new ArrayList<>();
    private boolean closed;

    /** Called on the binding thread after a stream became its current stream. */
    @FunctionalInterface
    public interface BindHook {
        /** Returns what to close (on the same thread, innermost scope first) when the scope closes. */
        AutoCloseable onBind(PhiloxStream stream);
    }

    /** Registers a process-wide hook, called for every scope bound afterwards, in registration order; once per hook. */
    public static void addBindHook(BindHook hook) {
        HOOKS.addIfAbsent(hook);
    }

    /** Removes a hook registered with {@link #addBindHook}. */
    public static void removeBindHook(BindHook hook) {
        HOOKS.remove(hook);
    }

    private StreamScope(PhiloxStream stream, StreamScope outer) {
        this.stream = stream;
        this.outer = outer;
        this.owner = Thread.currentThread();
    }

    /** Makes {@code stream} the current thread's stream until the returned scope is closed. */
    public static StreamScope bind(PhiloxStream stream) {
        if (stream == null) {
            throw new IllegalArgumentException("cannot bind a null stream");
        }
        StreamScope scope = new StreamScope(stream, CURRENT.get());
        CURRENT.set(scope);
        try {
            for (BindHook hook : HOOKS) {
                scope.hookHandles.add(hook.onBind(stream));
            }
        } catch (RuntimeException | Error e) {
            scope.close();
            throw e;
        }
        return scope;
    }

    /**
     * The stream bound to this thread.
     *
     * @throws IllegalStateException when none is bound
     */
    public static PhiloxStream current() {
        StreamScope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("no stream is bound to thread '" + Thread.currentThread().getName()
                    + "': run the task through StreamScope.bind, SeededExecutor or ParallelFor");
        }
        return scope.stream;
    }

    /** The stream bound to this thread, if any. */
    public static Optional<PhiloxStream> find() {
        StreamScope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.of(scope.stream);
    }

    /** The stream this scope binds. */
    public PhiloxStream stream() {
        return stream;
    }

    /** Restores the stream bound before this scope. Closing twice does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("stream scope opened on thread '" + owner.getName()
                    + "' closed on thread '" + Thread.currentThread().getName() + "'");
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("stream scopes closed out of order: close the innermost first");
        }
        closed = true;
        RuntimeException failure = null;
        for (int i = hookHandles.size() - 1; i >= 0; i--) {
            try {
                hookHandles.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a stream scope hook failed: " + e, e);
                }
            }
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
