package dev.seedbank.nd4j.control;

import dev.seedbank.rng.scope.StreamScope;

/**
 * Makes every rng-core task scope ({@link StreamScope}, and so every {@code SeededExecutor} task and
 * {@code ParallelFor} index) bind the thread's ND4J generator as well: to {@link Nd4jSeeds#seedAt} of the
 * scope's stream (a pure function of its key and position that consumes nothing), restored when the scope
 * closes. Thread-safe.
 */
public final class Nd4jScopeHook {
    /** The hook itself. */
    public static final StreamScope.BindHook ND4J = stream -> Nd4jBinding.bindSeed(Nd4jSeeds.seedAt(stream));

    private Nd4jScopeHook() {
    }

    /** Registers the hook process-wide (once); closing the result removes it. */
    public static AutoCloseable install() {
        StreamScope.addBindHook(ND4J);
        return () -> StreamScope.removeBindHook(ND4J);
    }
}
