package dev.seedbank.internal;

import dev.seedbank.nd4j.control.Nd4jSeeds;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a configuration's own {@code seed} (which {@code init()} reseeds the calling thread's ND4J generator
 * with, and which DL4J defaults to the clock) by one derived from the root seed, stream {@value #PATH}. When the
 * configuration carried a seed the user set, says once (WARN) that the root seed governs: DL4J's default is the
 * time the configuration was built, so a seed more than {@value #CLOCK_WINDOW_DAYS} days away from now (in
 * milliseconds since 1970) is taken as the user's. The clock is read for that warning only. Thread-safe.
 */
public final class ConfigSeeds {
    static final String PATH = "nd4j/config-seed";
    private static final long CLOCK_WINDOW_DAYS = 3650;
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSeeds.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ConfigSeeds() {
    }

    /** Sets every layer configuration's seed of {@code conf}. */
    public static void apply(MultiLayerConfiguration conf, SeedRegistry registry) {
        set(conf.getConfs(), registry);
    }

    /** Sets the default and every layer vertex's seed of {@code conf}. */
    public static void apply(ComputationGraphConfiguration conf, SeedRegistry registry) {
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        confs.add(conf.getDefaultConfiguration());
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                confs.add(lv.getLayerConf());
            }
        }
        set(confs, registry);
    }

    private static void set(List<NeuralNetConfiguration> confs, SeedRegistry registry) {
        long seed = Nd4jSeeds.seedFrom(registry.stream(PATH));
        for (NeuralNetConfiguration c : confs) {
            if (c == null) {
                continue;
            }
            if (c.getSeed() != seed && userSet(c.getSeed()) && WARNED.compareAndSet(false, true)) {
                LOG.warn("the network configuration's seed({}) is replaced: Seedbank's root seed {} governs"
                        + " initialisation, dropout and shuffling", c.getSeed(), registry.seed());
            }
            c.setSeed(seed);
        }
    }

    private static boolean userSet(long seed) {
        long window = CLOCK_WINDOW_DAYS * 24L * 3600 * 1000;
        return Math.abs(seed - System.currentTimeMillis()) > window;
    }
}
