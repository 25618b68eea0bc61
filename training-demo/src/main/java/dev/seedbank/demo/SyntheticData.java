package dev.seedbank.demo;

import dev.seedbank.nd4j.training.DeterministicShuffle;
import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;

/**
 * A synthetic classification data set drawn from stream {@value #PATH}: {@value #CLASSES} class prototypes
 * (8x8 "images", standard normal), then for each example a class ({@code DeterministicShuffle.bounded}) and
 * the prototype scaled by 0.6 plus standard normal noise. Nothing is downloaded; the same seed gives the same
 * data on every machine.
 *
 * @param features {@code examples * FEATURES} values, example-major
 * @param labels the class of each example
 * @param draws the 32-bit words drawn from the stream
 */
public record SyntheticData(float[] features, int[] labels, long draws) {
    public static final String PATH = "data/generate";
    public static final int SIDE = 8;
    public static final int FEATURES = SIDE * SIDE;
    public static final int CLASSES = 4;

    /** Draws {@code examples} examples. */
    public static SyntheticData generate(SeedRegistry registry, int examples) {
        PhiloxStream s = registry.stream(PATH);
        float[] prototypes = new float[CLASSES * FEATURES];
        s.fillNormal(prototypes, 0, prototypes.length, 0f, 1f);
        float[] x = new float[examples * FEATURES];
        int[] y = new int[examples];
        for (int i = 0; i < examples; i++) {
            y[i] = DeterministicShuffle.bounded(s, CLASSES);
            s.fillNormal(x, i * FEATURES, (i + 1) * FEATURES, 0f, 1f);
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] += 0.6f * prototypes[y[i] * FEATURES + j];
            }
        }
        return new SyntheticData(x, y, s.position());
    }

    /** The number of examples. */
    public int examples() {
        return labels.length;
    }
}
