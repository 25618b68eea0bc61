package dev.seedbank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.function.Function;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sessions with one seed train bitwise the same network; another seed another one. */
class SeedbankNetworkTest {
    @TempDir
    Path dir;

    private float[] train(String run, long seed, Function<Seedbank, Model> build) {
        return train(run, seed, build, Nets.data(48));
    }

    private float[] train(String run, long seed, Function<Seedbank, Model> build, DataSet examples) {
        try (Seedbank sb = Seedbank.builder().seed(seed).start(dir.resolve(run))) {
            Model net = build.apply(sb);
            var data = new ListDataSetIterator<>(examples.asList(), 8);
            if (net instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork m) {
                m.fit(sb.shuffled(data), 2);
            } else {
                ((org.deeplearning4j.nn.graph.ComputationGraph) net).fit(sb.shuffled(data), 2);
            }
            return net.params().dup().toFloatVector();
        }
    }

    @Test
    void multiLayerNetworkRepeats() {
        float[] a = train("a", 5, sb -> sb.network(Nets.mlp()));
        float[] b = train("b", 5, sb -> sb.network(Nets.mlp()));
        float[] c = train("c", 6, sb -> sb.network(Nets.mlp()));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void convNetOnImagesRepeats() {
        float[] a = train("a", 5, sb -> sb.network(Nets.conv()), Nets.images(40));
        float[] b = train("b", 5, sb -> sb.network(Nets.conv()), Nets.images(40));
        assertArrayEquals(a, b);
    }

    @Test
    void computationGraphRepeats() {
        float[] a = train("a", 5, sb -> sb.network(Nets.graph()));
        float[] b = train("b", 5, sb -> sb.network(Nets.graph()));
        float[] c = train("c", 6, sb -> sb.network(Nets.graph()));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }
}
