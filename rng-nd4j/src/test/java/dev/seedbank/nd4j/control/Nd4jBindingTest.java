package dev.seedbank.nd4j.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.SeededExecutor;
import dev.seedbank.rng.scope.StreamScope;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jBindingTest {
    private static final SeedRegistry REGISTRY = SeedRegistry.of(2024);

    private static float[] draw() {
        return Nd4j.rand(DataType.FLOAT, 12).toFloatVector();
    }

    @Test
    void boundDrawsDependOnTheStreamOnly() {
        float[] a;
        float[] b;
        float[] c;
        try (Nd4jBinding bind = Nd4jBinding.bind(REGISTRY.stream("task/1"))) {
            a = draw();
        }
        Nd4j.rand(DataType.FLOAT, 33);
        try (Nd4jBinding bind = Nd4jBinding.bind(REGISTRY.stream("task/1"))) {
            b = draw();
        }
        try (Nd4jBinding bind = Nd4jBinding.bind(REGISTRY.stream("task/2"))) {
            c = draw();
        }
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void bindingConsumesTwoWordsAndSetsTheDerivedSeed() {
        PhiloxStream stream = REGISTRY.stream("task/3");
        long expected = new PhiloxStream(stream.key()).nextLong();
        try (Nd4jBinding bind = Nd4jBinding.bind(stream)) {
            assertEquals(expected, bind.seed());
            assertEquals(expected, Nd4j.getRandom().getSeed());
        }
        assertEquals(2L, stream.position());
    }

    @Test
    void closingRestoresTheGeneratorExactly() {
        Random g = Nd4j.getRandom();
        g.setSeed(123456789L);
        Nd4j.rand(DataType.FLOAT, 5);
        long root = g.rootState();
        long node = g.nodeState();
        float[] expected = draw();   // what the generator would have produced next
        g.setStates(root, node);

        try (Nd4jBinding outer = Nd4jBinding.bind(REGISTRY.stream("outer"))) {
            draw();
            try (Nd4jBinding inner = Nd4jBinding.bind(REGISTRY.stream("inner"))) {
                draw();
            }
            draw();
        }
        assertEquals(123456789L, g.getSeed());
        assertArrayEquals(expected, draw());
    }

    @Test
    void misuseIsRefused() throws Exception {
        Nd4jBinding outer = Nd4jBinding.bind(REGISTRY.stream("a"));
        Nd4jBinding inner = Nd4jBinding.bind(REGISTRY.stream("b"));
        assertThrows(IllegalStateException.class, outer::close);
        Thread other = new Thread(() -> assertThrows(IllegalStateException.class, inner::close));
        other.start();
        other.join();
        inner.close();
        outer.close();
    }

    @Test
    void scopedTasksDrawByTaskIndexWhateverThePool() throws Exception {
        List<float[]> onTwo;
        List<float[]> onThree;
        List<float[]> again;
        try (AutoCloseable hook = Nd4jScopeHook.install()) {
            onTwo = runTasks(2);
            onThree = runTasks(3);
            again = runTasks(2);
        }
        for (int k = 0; k < onTwo.size(); k++) {
            assertArrayEquals(onTwo.get(k), onThree.get(k), "task " + k);
            assertArrayEquals(onTwo.get(k), again.get(k), "task " + k);
        }
        assertFalse(Arrays.equals(onTwo.get(0), onTwo.get(1)));
        // the hook derives the seed without consuming the task's stream
        PhiloxStream task0 = REGISTRY.key(StreamPath.parse("tasks/0")).stream();
        try (AutoCloseable hook = Nd4jScopeHook.install(); StreamScope s = StreamScope.bind(task0)) {
            assertArrayEquals(onTwo.get(0), draw());
            assertEquals(0L, StreamScope.current().position());
        }
        try (Nd4jBinding b = Nd4jBinding.bindSeed(Nd4jSeeds.seedAt(task0))) {
            assertArrayEquals(onTwo.get(0), draw(), "the hook binds the documented seed");
        }
    }

    private static List<float[]> runTasks(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            SeededExecutor executor = new SeededExecutor(pool, REGISTRY, StreamPath.parse("tasks"));
            List<Future<float[]>> futures = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                futures.add(executor.submit(Nd4jBindingTest::draw));
            }
            List<float[]> out = new ArrayList<>();
            for (Future<float[]> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
