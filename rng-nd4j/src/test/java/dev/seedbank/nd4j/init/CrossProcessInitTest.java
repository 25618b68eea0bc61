package dev.seedbank.nd4j.init;

import dev.seedbank.rng.registry.SeedRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;

/** Seeded initial parameters are identical in separate JVMs, with OpenMP threads 1 and 2, with other threads drawing. */
class CrossProcessInitTest {
    private static final long SEED = 77L;

    private static String childHash(String omp, boolean noise) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                InitHashMain.class.getName(), Long.toString(SEED)));
        if (noise) {
            cmd.add("noise");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", omp);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child timed out");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("HASH ")).findFirst()
                .orElseThrow(() -> new AssertionError("no HASH line in child output:\n" + out));
    }

    @Test
    void identicalAcrossProcessesThreadSettingsAndConcurrentDraws() throws Exception {
        MultiLayerNetwork mlp = new MultiLayerNetwork(SeededInit.apply(Nets.mlp(false, WeightInit.XAVIER), SeedRegistry.of(SEED)));
        mlp.init();
        ComputationGraph graph = new ComputationGraph(SeededInit.apply(Nets.graph(), SeedRegistry.of(SEED)));
        graph.init();
        String here = "HASH mlp=" + Nets.hash(mlp.params()) + " graph=" + Nets.hash(graph.params());

        assertEquals(here, childHash("1", false));
        assertEquals(here, childHash("2", true));
    }
}
