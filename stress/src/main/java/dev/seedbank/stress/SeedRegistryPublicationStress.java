package dev.seedbank.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seedbank.rng.registry.SeedRegistry;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * One thread publishes a new {@link SeedRegistry} through a plain (non-volatile, racy) field; another reads
 * the field and, if it sees the registry, derives {@code key("a/b")} and reads {@code seed().value()}.
 * {@code SeedRegistry} is immutable with final fields only (and its {@code RootSeed} is a record), so the
 * Java memory model's final-field rule applies: a reader that sees the reference sees the fully
 * constructed registry, never a zero root key or a missing seed.
 */
@JCStressTest
@Outcome(id = "-1", expect = ACCEPTABLE, desc = "reader ran before the publication: null")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "reader saw the registry: correct key and seed")
@Outcome(expect = FORBIDDEN, desc = "reader saw a registry with a wrong key or seed (unsafe publication)")
@State
public class SeedRegistryPublicationStress {
    static final long ROOT_SEED = 0x5EEDBA4CL;
    static final long EXPECTED_KEY = SeedRegistry.of(ROOT_SEED).key("a/b").value();

    private SeedRegistry shared;

    @Actor
    public void publisher() {
        shared = SeedRegistry.of(ROOT_SEED);
    }

    @Actor
    public void reader(I_Result r) {
        SeedRegistry seen = shared;
        if (seen == null) {
            r.r1 = -1;
        } else {
            r.r1 = seen.seed() != null && seen.seed().value() == ROOT_SEED && seen.key("a/b").value() == EXPECTED_KEY ? 1 : 0;
        }
    }
}
