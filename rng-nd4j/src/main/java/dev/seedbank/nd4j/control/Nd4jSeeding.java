package dev.seedbank.nd4j.control;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.RandomFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Seed everything" for ND4J: one call puts every ND4J generator of the process under a {@link SeedRegistry}.
 *
 * <pre>{@code
 * try (Nd4jSeeding.Installation seeding = Nd4jSeeding.install(SeedRegistry.fromEnvironment())) {
 *     ... train ...
 * }
 * }</pre>
 *
 * <h2>How</h2>
 * ND4J 1.0.0-M2.1 keeps one generator per Java thread in {@code Nd4j.randomFactory} (a public static
 * {@link RandomFactory} with a {@code ThreadLocal}); a thread's generator is created on the thread's first
 * {@code Nd4j.getRandom()} call and seeded with {@code System.currentTimeMillis()}. Every ND4J and DL4J
 * random op (rand, randn, dropout, noise layers, weight init) reads {@code Nd4j.getRandom()}, which reads that
 * field. {@link #install} replaces the field with a factory that creates the generators itself, with seeds
 * from the registry; closing the installation puts the previous factory back.
 *
 * <h2>Which seed each generator gets</h2>
 * <ul>
 *   <li>The thread that calls {@code install}: stream {@value #INSTALLER_PATH}, whatever its name.</li>
 *   <li>Any other thread, the first time it uses ND4J randomness after installation (including threads that
 *       had a generator before: they get a new one): stream {@code nd4j/threads/<role>/<n>}, where
 *       {@code role} comes from the {@link ThreadRoleResolver} (default: the thread's name at that moment)
 *       and {@code n} counts, from 0, the generators already created for that role since installation.
 *       DL4J's {@code AsyncDataSetIterator} prefetch threads, all named {@code ADSI prefetch thread}, get
 *       {@code nd4j/threads/ADSI prefetch thread/0}, {@code /1}, ... in the order they first draw.</li>
 *   <li>{@code getRandomFactory().getNewRandomInstance()} (no seed; ND4J would use the clock): the n-th call
 *       reads {@code nd4j/instances/<n>}. An explicit seed of 0 is refused.</li>
 *   <li>Every seed is {@link Nd4jSeeds#seedFrom} of its stream: nonzero, never the clock.</li>
 * </ul>
 *
 * <h2>What is covered, and what is not</h2>
 * Covered: any generator whose (role, n) is determined by the program, i.e. threads with distinct names
 * (named workers, the installing thread), and threads of one role that first draw one after another in a
 * fixed order (a prefetch thread per epoch, each shut down before the next starts).
 * Not covered:
 * <ul>
 *   <li>threads of one role whose first draws race (several pool workers of one name pattern with
 *       {@link ThreadRoleResolver#NAME_WITHOUT_NUMBERS}, two prefetch iterators alive at once): each still
 *       gets a seeded, non-clock generator, but which thread gets which {@code n} depends on scheduling;</li>
 *   <li>names that embed JVM-wide counters ({@code Thread-12}, {@code pool-3-thread-1}) are only as stable as
 *       the program's order of creating threads and pools;</li>
 *   <li>what a thread draws depends on everything that thread drew before: reproducible only if the work
 *       on the thread is; bind per task ({@link Nd4jBinding}, {@link Nd4jScopeHook}) or per iteration
 *       ({@code SeededTrainingListener}) to make draws depend on position only;</li>
 *   <li>generator objects captured before installation and used directly, code that replaces
 *       {@code Nd4j.randomFactory} itself, and a backend re-initialisation (which recreates the factory);</li>
 *   <li>threads that were already running when {@code install} was called are guaranteed to see the new
 *       factory only after a synchronisation with the installing thread (ND4J's field is not volatile);
 *       threads started afterwards always see it;</li>
 *   <li>randomness outside ND4J's generators: {@code java.util.Random}, {@code Math.random},
 *       {@code DataSet.shuffle()} (use {@code dev.seedbank.nd4j.training.DeterministicShuffle}).</li>
 * </ul>
 * Counters start from 0 at every installation: install again to repeat a run inside one JVM.
 *
 * <p>Thread-safe. One installation at a time: installations nest, and must be closed innermost first.
 */
public final class Nd4jSeeding {
    /** Stream path of the installing thread's generator. */
    public static final String INSTALLER_PATH = "nd4j/installer";
    static final StreamPath INSTALLER = StreamPath.parse(INSTALLER_PATH);
    static final String INSTALLER_ROLE = "(installer)";
    static final StreamPath THREADS = StreamPath.parse("nd4j/threads");
    static final StreamPath INSTANCES = StreamPath.parse("nd4j/instances");

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jSeeding.class);

    private Nd4jSeeding() {
    }

    /**
     * Which seed one generator got.
     *
     * @param threadName the thread's name when its generator was created
     * @param role the resolved role ({@code (installer)} for the installing thread)
     * @param sequence the generator's number within its role
     * @param path the stream path
     * @param seed the ND4J seed set
     */
    public record Assignment(String threadName, String role, long sequence, String path, long seed) {
    }

    /** An open installation; {@link #close()} restores ND4J's previous factory. */
    public static final class Installation implements AutoCloseable {
        private final SeedingRandomFactory factory;
        private final RandomFactory previous;
        private final SeedRegistry registry;
        private final long installerSeed;
        private boolean closed;

        private Installation(SeedingRandomFactory factory, RandomFactory previous, SeedRegistry registry, long installerSeed) {
            this.factory = factory;
            this.previous = previous;
            this.registry = registry;
            this.installerSeed = installerSeed;
        }

        /** The registry in force. */
        public SeedRegistry registry() {
            return registry;
        }

        /** The seed the installing thread's generator got. */
        public long installerSeed() {
            return installerSeed;
        }

        /** The generators created so far (the first {@value SeedingRandomFactory#MAX_RECORDED}), in creation order. */
        public List<Assignment> assignments() {
            return factory.assignments();
        }

        /**
         * Puts back the factory that was in place before (and with it, each thread's earlier generator).
         *
         * @throws IllegalStateException when another factory has been installed over this one and is still open
         */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            if (Nd4j.randomFactory != factory) {
                throw new IllegalStateException("Nd4j.randomFactory was replaced after this installation; close the"
                        + " later installation first");
            }
            closed = true;
            Nd4j.randomFactory = previous;
        }
    }

    /** Installs {@code registry} with the default role resolver ({@link ThreadRoleResolver#THREAD_NAME}). */
    public static Installation install(SeedRegistry registry) {
        return install(registry, ThreadRoleResolver.THREAD_NAME);
    }

    /** Installs {@code registry}; see the class comment for what each generator gets. */
    public static synchronized Installation install(SeedRegistry registry, ThreadRoleResolver roles) {
        if (registry == null || roles == null) {
            throw new IllegalArgumentException("install needs a registry and a role resolver");
        }
        // Touching Nd4j initialises the backend, which creates the factory we replace.
        RandomFactory previous = Nd4j.getRandomFactory();
        Class<?> randomClass = previous.getRandom().getClass();
        SeedingRandomFactory factory = new SeedingRandomFactory(randomClass, registry, roles);
        long seed = factory.seedInstaller().getSeed();
        Nd4j.randomFactory = factory;
        LOG.debug("ND4J generators seeded from root seed {} ({}); installing thread '{}' has seed {}", registry.seed(),
                registry.derivationVersion(), Thread.currentThread().getName(), seed);
        return new Installation(factory, previous, registry, seed);
    }
}
