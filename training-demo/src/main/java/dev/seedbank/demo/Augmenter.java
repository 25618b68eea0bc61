package dev.seedbank.demo;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.scope.ParallelFor;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Multi-threaded data augmentation whose result does not depend on the number of threads: in epoch
 * {@code E}, sample {@code S} draws from its own stream {@code augment/epoch=E/sample=S} a brightness scale
 * (uniform in [0.9, 1.1)) and Gaussian jitter (standard deviation 0.25) for each feature, and writes only its
 * own slice of the output. {@link ParallelFor} spreads the samples over the threads. Stateless.
 */
public final class Augmenter {
    /** The stream path prefix. */
    public static final StreamPath AUGMENT = StreamPath.parse("augment");
    private static final float JITTER = 0.25f;

    /**
     * The augmented features of one epoch.
     *
     * @param features {@code examples * FEATURES} values
     * @param streams the per-sample streams used
     * @param draws the words drawn from them in all
     */
    public record Epoch(float[] features, long streams, long draws) {
    }

    private Augmenter() {
    }

    /** The epoch's stream family, {@code augment/epoch=E}. */
    public static StreamPath epochPath(long epoch) {
        return AUGMENT.child("epoch", epoch);
    }

    /** Augments {@code data} for epoch {@code epoch} on {@code threads} threads. */
    public static Epoch augment(SeedRegistry registry, SyntheticData data, long epoch, int threads) {
        int n = data.examples();
        int f = SyntheticData.FEATURES;
        float[] in = data.features();
        float[] out = new float[in.length];
        StreamKey epochKey = registry.key(epochPath(epoch));
        AtomicLong draws = new AtomicLong();
        ParallelFor.run(registry, epochPath(epoch).child("worker"), 0, n, threads, (i, ignored) -> {
            int s = (int) i;
            PhiloxStream stream = epochKey.child("sample", s).stream();
            float scale = 0.9f + 0.2f * stream.nextFloat();
            float[] jitter = new float[f];
            stream.fillNormal(jitter, 0, f, 0f, JITTER);
            for (int j = 0; j < f; j++) {
                out[s * f + j] = in[s * f + j] * scale + jitter[j];
            }
            draws.addAndGet(stream.position());
        });
        return new Epoch(out, n, draws.get());
    }
}
