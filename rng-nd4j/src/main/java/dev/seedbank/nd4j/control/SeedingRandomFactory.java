package dev.seedbank.nd4j.control;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.RandomFactory;

/**
 * ND4J's {@link RandomFactory} with deterministic seeds: replaces {@code Nd4j.randomFactory} while a
 * {@link Nd4jSeeding} installation is open. Per-thread generators are created on first use, like ND4J's own
 * factory, but seeded from {@code nd4j/threads/<role>/<n>} instead of the clock. Thread-safe.
 */
final class SeedingRandomFactory extends RandomFactory {
    static final int MAX_RECORDED = 10_000;

    private final SeedRegistry registry;
    private final ThreadRoleResolver roles;
    private final ThreadLocal<Random> generators = new ThreadLocal<>();
    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final AtomicLong instances = new AtomicLong();
    private final List<Nd4jSeeding.Assignment> assignments = new ArrayList<>();

    SeedingRandomFactory(Class<?> randomClass, SeedRegistry registry, ThreadRoleResolver roles) {
        super(randomClass);
        this.registry = registry;
        this.roles = roles;
    }

    @Override
    public Random getRandom() {
        Random generator = generators.get();
        if (generator == null) {
            Thread thread = Thread.currentThread();
            String role = roles.role(thread);
            if (role == null || role.isEmpty()) {
                throw new IllegalStateException("thread role resolver returned no role for thread '" + thread.getName() + "'");
            }
            long n = counters.computeIfAbsent(role, r -> new AtomicLong()).getAndIncrement();
            StreamPath path = Nd4jSeeding.THREADS.child(role).child(n);
            generator = install(thread, role, n, path);
        }
        return generator;
    }

    /** Creates the calling thread's generator with the installer's fixed identity. */
    Random seedInstaller() {
        Thread thread = Thread.currentThread();
        return install(thread, Nd4jSeeding.INSTALLER_ROLE, 0, Nd4jSeeding.INSTALLER);
    }

    private Random install(Thread thread, String role, long n, StreamPath path) {
        long seed = Nd4jSeeds.seedFrom(registry.stream(path));
        Random generator = super.getNewRandomInstance(seed);
        generators.set(generator);
        synchronized (assignments) {
            if (assignments.size() < MAX_RECORDED) {
                assignments.add(new Nd4jSeeding.Assignment(thread.getName(), role, n, path.toString(), seed));
            }
        }
        return generator;
    }

    /** A stand-alone generator: the {@code n}-th such request since installation reads {@code nd4j/instances/n}. */
    @Override
    public Random getNewRandomInstance() {
        long n = instances.getAndIncrement();
        return super.getNewRandomInstance(Nd4jSeeds.seedFrom(registry.stream(Nd4jSeeding.INSTANCES.child(n))));
    }

    @Override
    public Random getNewRandomInstance(long seed) {
        Nd4jBinding.checkSeed(seed);
        return super.getNewRandomInstance(seed);
    }

    List<Nd4jSeeding.Assignment> assignments() {
        synchronized (assignments) {
            return List.copyOf(assignments);
        }
    }
}
