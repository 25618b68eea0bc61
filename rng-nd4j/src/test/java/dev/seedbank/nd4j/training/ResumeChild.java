package dev.seedbank.nd4j.training;

import dev.seedbank.rng.registry.SeedRegistry;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The resumed half of {@link ResumeTest}, run in a new JVM: {@code <checkpoint dir> <root seed> <epochs> <out file>}. */
public final class ResumeChild {
    private ResumeChild() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        SeedRegistry registry = SeedRegistry.of(Long.parseLong(args[1]));
        int epochs = Integer.parseInt(args[2]);
        MultiLayerNetwork net = TrainingCheckpoint.restoreMultiLayerNetwork(dir, registry, TestNets.conf());
        ResumeTest.train(net, registry, epochs);
        writeParams(Path.of(args[3]), TestNets.params(net));
    }

    static void writeParams(Path file, float[] params) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(params.length);
            for (float f : params) {
                out.writeInt(Float.floatToRawIntBits(f));
            }
        }
    }

    static float[] readParams(Path file) throws IOException {
        try (java.io.DataInputStream in = new java.io.DataInputStream(Files.newInputStream(file))) {
            float[] p = new float[in.readInt()];
            for (int i = 0; i < p.length; i++) {
                p[i] = Float.intBitsToFloat(in.readInt());
            }
            return p;
        }
    }
}
