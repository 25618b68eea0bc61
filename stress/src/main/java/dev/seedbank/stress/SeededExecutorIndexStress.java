package dev.seedbank.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.SeededExecutor;
import dev.seedbank.rng.scope.StreamScope;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads call {@link SeededExecutor#execute} on one executor at once. Each task (run on the calling
 * thread by a direct delegate) records which stream {@link StreamScope#current()} gives it: the index
 * {@code n} of {@code base/n}, or -1 for any other key. The counter is shared mutable state (an
 * {@code AtomicLong}): the two tasks must get {@code base/0} and {@code base/1} in some order, never the
 * same index, and the executor must count 2 submissions.
 */
@JCStressTest
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "actor1 submitted first: base/0 and base/1")
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "actor2 submitted first: base/1 and base/0")
@Outcome(expect = FORBIDDEN, desc = "both tasks got the same index, a key outside base/0..1, or a lost submission")
@State
public class SeededExecutorIndexStress {
    static final SeedRegistry REGISTRY = SeedRegistry.of(20240606L);
    static final StreamPath BASE = StreamPath.parse("stress/executor");
    static final long KEY0 = REGISTRY.key(BASE.child(0)).value();
    static final long KEY1 = REGISTRY.key(BASE.child(1)).value();

    private final SeededExecutor executor = new SeededExecutor(new DirectExecutorService(), REGISTRY, BASE);

    static int index(long key) {
        return key == KEY0 ? 0 : key == KEY1 ? 1 : -1;
    }

    @Actor
    public void actor1(III_Result r) {
        int[] seen = {-2};
        executor.execute(() -> seen[0] = index(StreamScope.current().key()));
        r.r1 = seen[0];
    }

    @Actor
    public void actor2(III_Result r) {
        int[] seen = {-2};
        executor.execute(() -> seen[0] = index(StreamScope.current().key()));
        r.r2 = seen[0];
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = (int) executor.submitted();
    }
}
