package dev.seedbank.nd4j.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.RandomFactory;

class Nd4jSeedingTest {

    private static float[] draw() {
        return Nd4j.rand(DataType.FLOAT, 16).toFloatVector();
    }

    /** Runs {@code Nd4j.rand} on a new thread with the given name; returns what it drew. */
    private static float[] drawOnThread(String name) throws InterruptedException {
        AtomicReference<float[]> out = new AtomicReference<>();
        Thread t = new Thread(() -> out.set(draw()), name);
        t.start();
        t.join();
        return out.get();
    }

    @Test
    void callingThreadIsSeededFromTheRootSeedOnly() {
        float[] a;
        float[] b;
        float[] c;
        long seedA;
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(7))) {
            seedA = i.installerSeed();
            a = draw();
        }
        Nd4j.rand(DataType.FLOAT, 100); // unrelated draws between installations change nothing
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(7))) {
            b = draw();
        }
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(8))) {
            c = draw();
        }
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertNotEquals(0L, seedA);
        assertEquals(Nd4jSeeds.seedFrom(SeedRegistry.of(7).stream(Nd4jSeeding.INSTALLER_PATH)), seedA);
    }

    @Test
    void closingRestoresThePreviousFactoryAndGenerator() {
        RandomFactory before = Nd4j.getRandomFactory();
        org.nd4j.linalg.api.rng.Random generator = Nd4j.getRandom();
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(1))) {
            assertNotSame(before, Nd4j.getRandomFactory());
            assertNotSame(generator, Nd4j.getRandom());
        }
        assertSame(before, Nd4j.getRandomFactory());
        assertSame(generator, Nd4j.getRandom());
    }

    @Test
    void closingOutOfOrderIsRefused() {
        Nd4jSeeding.Installation outer = Nd4jSeeding.install(SeedRegistry.of(1));
        Nd4jSeeding.Installation inner = Nd4jSeeding.install(SeedRegistry.of(2));
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
    }

    @Test
    void newThreadsAreSeededByRoleAndSequence() throws Exception {
        List<float[]> first = new ArrayList<>();
        List<Nd4jSeeding.Assignment> assignments;
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(42))) {
            first.add(drawOnThread("worker-a"));
            first.add(drawOnThread("prefetch"));
            first.add(drawOnThread("prefetch")); // same role again: the next sequence number
            assignments = i.assignments();
        }
        List<float[]> second = new ArrayList<>();
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(42))) {
            second.add(drawOnThread("worker-a"));
            second.add(drawOnThread("prefetch"));
            second.add(drawOnThread("prefetch"));
        }
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(first.get(k), second.get(k), "thread " + k);
        }
        assertFalse(Arrays.equals(first.get(1), first.get(2)), "two prefetch threads must differ");
        assertFalse(Arrays.equals(first.get(0), first.get(1)));

        List<String> paths = assignments.stream().map(Nd4jSeeding.Assignment::path).toList();
        assertEquals(List.of("nd4j/installer", "nd4j/threads/worker-a/0", "nd4j/threads/prefetch/0",
                "nd4j/threads/prefetch/1"), paths);
        SeedRegistry registry = SeedRegistry.of(42);
        for (Nd4jSeeding.Assignment a : assignments) {
            assertNotEquals(0L, a.seed());
            assertEquals(Nd4jSeeds.seedFrom(registry.stream(a.path())), a.seed(), a.path());
        }
        // the drawn values are exactly those of an ND4J generator with the documented seed
        long prefetch1 = Nd4jSeeds.seedFrom(registry.stream(StreamPath.parse("nd4j/threads/prefetch/1")));
        try (Nd4jBinding b = Nd4jBinding.bindSeed(prefetch1)) {
            assertArrayEquals(first.get(2), draw());
        }
    }

    @Test
    void digitNormalisingResolverIgnoresJvmWideCounters() {
        assertEquals("pool-#-thread-#", ThreadRoleResolver.NAME_WITHOUT_NUMBERS.role(new Thread(() -> { }, "pool-12-thread-3")));
    }

    @Test
    void newRandomInstanceWithoutSeedIsDeterministicAndSeedZeroIsRefused() {
        float[] a;
        float[] b;
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(5))) {
            a = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(), 8).toFloatVector();
            assertThrows(IllegalArgumentException.class, () -> Nd4j.getRandomFactory().getNewRandomInstance(0L));
        }
        try (Nd4jSeeding.Installation i = Nd4jSeeding.install(SeedRegistry.of(5))) {
            b = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(), 8).toFloatVector();
        }
        assertArrayEquals(a, b);
    }

    @Test
    void seedsAreNeverZero() {
        assertThrows(IllegalArgumentException.class, () -> Nd4jBinding.bindSeed(0L));
        assertTrue(Nd4jSeeds.seedFrom(SeedRegistry.of(0).stream("x")) != 0L);
    }
}
