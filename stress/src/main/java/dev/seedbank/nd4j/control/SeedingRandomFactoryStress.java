package dev.seedbank.nd4j.control;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seedbank.rng.registry.SeedRegistry;
import java.util.List;
import org.nd4j.linalg.api.rng.DefaultRandom;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads of one role ask {@link SeedingRandomFactory} for their per-thread ND4J generator at once. The
 * per-role counter ({@code ConcurrentHashMap} of {@code AtomicLong}) must hand out {@code n = 0} and
 * {@code n = 1} once each, so the generators get the seeds of {@code nd4j/threads/worker/0} and
 * {@code /1} (which thread gets which depends on scheduling, as Nd4jSeeding documents), never the same seed
 * twice; the synchronised assignment list must record both (third number: 2).
 *
 * <p>Per actor: 0 or 1 = the seed of {@code worker/0} or {@code worker/1}; -1 = any other seed. The
 * generators are nd4j-api's pure-Java {@link DefaultRandom} (the factory creates whatever class it is
 * given), so no native backend is loaded: this tests Seedbank's counters, not ND4J's native generator.
 * In package {@code dev.seedbank.nd4j.control} because the factory is package-private.
 */
@JCStressTest
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "actor1 created its generator first")
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "actor2 created its generator first")
@Outcome(expect = FORBIDDEN, desc = "duplicate or unexpected seed, or a lost assignment record")
@State
public class SeedingRandomFactoryStress {
    static final SeedRegistry REGISTRY = SeedRegistry.of(0xC0FFEEL);
    static final String ROLE = "worker";
    /** Computed from the documented path text, not from the factory's own path constants. */
    static final long SEED0 = Nd4jSeeds.seedFrom(REGISTRY.stream("nd4j/threads/worker/0"));
    static final long SEED1 = Nd4jSeeds.seedFrom(REGISTRY.stream("nd4j/threads/worker/1"));

    private final SeedingRandomFactory factory = new SeedingRandomFactory(DefaultRandom.class, REGISTRY, t -> ROLE);

    private int draw() {
        long seed = factory.getRandom().getSeed();
        return seed == SEED0 ? 0 : seed == SEED1 ? 1 : -1;
    }

    @Actor
    public void actor1(III_Result r) {
        r.r1 = draw();
    }

    @Actor
    public void actor2(III_Result r) {
        r.r2 = draw();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        List<Nd4jSeeding.Assignment> recorded = factory.assignments();
        boolean consistent = recorded.size() == 2;
        for (Nd4jSeeding.Assignment a : recorded) {
            consistent &= ROLE.equals(a.role())
                    && (a.sequence() == 0 && a.seed() == SEED0 || a.sequence() == 1 && a.seed() == SEED1);
        }
        r.r3 = consistent && recorded.get(0).sequence() != recorded.get(1).sequence() ? 2 : -recorded.size();
    }
}
