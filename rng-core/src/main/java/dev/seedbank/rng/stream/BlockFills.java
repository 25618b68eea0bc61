package dev.seedbank.rng.stream;

/**
 * The words, uniform and normal floats of whole Philox blocks ({@link Philox4x32}'s cuRAND layout), written straight to
 * the destination: the inner loop of the fills, implemented once per {@link FillPath} (scalar or vector). Every
 * implementation writes exactly the same values.
 *
 * <p>Implementations are stateless and thread-safe.
 */
interface BlockFills {
    /** Writes the {@code 4 * blocks} words of blocks {@code firstBlock ..} (unsigned) to {@code dst[at ..]}. */
    void words(long key, long firstBlock, int[] dst, int at, int blocks);

    /** Writes {@link Conversions#uniformFloat} of those words to {@code dst[at ..]}. */
    void uniform(long key, long firstBlock, float[] dst, int at, int blocks);

    /**
     * Writes the normals of those words ({@link Conversions#normals}: Box-Muller on word pairs 0-1 and 2-3 of each
     * block), each times {@code stddev} plus {@code mean} in float arithmetic, to {@code dst[at ..]}.
     */
    void normal(long key, long firstBlock, float[] dst, int at, int blocks, float mean, float stddev);
}
