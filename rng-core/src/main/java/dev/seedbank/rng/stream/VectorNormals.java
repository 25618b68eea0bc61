package dev.seedbank.rng.stream;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Box-Muller normals of {@link Conversions#normals} with the Vector API: {@link FloatMath}'s fast log and
 * sine/cosine lane by lane, one Box-Muller pair per 64-bit lane of {@link VectorBlockFills#LONGS}. A lane too close
 * to a rounding boundary to decide makes {@link #normals} return false, and the caller recomputes those values
 * with the scalar code, which takes StrictMath's value there.
 *
 * <p>Why every value it writes is the scalar one: each lane performs the same IEEE 754 double operations in the same
 * order as {@code FloatMath.logOrNaN} and {@code FloatMath.sinCosOrNaN} (the Vector API's lanewise add and multiply
 * are single correctly rounded operations, never fused; float-to-double and int-to-double conversions are exact;
 * blends and xors replace the scalar code's bit arithmetic one for one), so a lane's double result {@code y} is bit
 * for bit the scalar one, whose relative error is below 2^-48 ({@link FloatMath}). A lane keeps {@code (float) y}
 * only when {@code y (1 - 2^-43)} and {@code y (1 + 2^-43)} round to the same float (conversions round to nearest,
 * like Java's casts): the exact value and StrictMath's result (within one double ulp of it) both lie in that
 * interval and rounding is monotonic, so that float is {@code (float) StrictMath.f(x)}, and the lanes left
 * undecided (a few values in a million) are exactly those the scalar code leaves to StrictMath. The uniform and the
 * angle are built with the scalar code's float operations after a correctly rounded long-to-float conversion, the
 * square root is the float one (equal to {@code (float) Math.sqrt} of the float) and the products are float
 * products, as in {@link Conversions#normals}. FloatMath's domain checks are left out: the inputs here (uniforms
 * in [2^-33, 1], angles in [2^-32 pi, 6.3]) are normal floats with {@code |x| <= 64}, where those checks pass.
 *
 * <p>The work runs in passes over arrays of one chunk, each a loop of straight-line vector code: C2 must compile
 * every vector operation of a loop in one unit to keep vectors in registers, a method holding all of the
 * arithmetic exceeds C2's inlining limits, and a helper method taking or returning a vector is then compiled on its
 * own, boxing vectors at every call.
 *
 * <p>Instances are scratch for one thread; the class is otherwise stateless.
 */
final class VectorNormals {
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorBlockFills.LONGS.vectorShape());
    private static final VectorSpecies<Double> DOUBLES =
            VectorSpecies.of(double.class, VectorBlockFills.LONGS.vectorShape());
    /** One float or int per double lane. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    /** Pairs per pass step: one per 64-bit lane. */
    private static final int LANES = DOUBLES.length();
    private static final long LOW_WORD = 0xFFFFFFFFL;
    /** Sign and exponent bits of a float. */
    private static final int EXPONENT_BITS = 0xFF800000;
    private static final int MANTISSA_BITS = 23;
    /** Moves bit 1 of a quadrant number to a double's sign bit. */
    private static final int SIGN_SHIFT = 63 - 1;

    /** The passes of {@link #normals}, called through one megamorphic call site so that C2 never inlines them. */
    private static final Pass[] PASSES = {VectorNormals::logArguments, VectorNormals::logTable, VectorNormals::logTerms,
        VectorNormals::radii, VectorNormals::angles, VectorNormals::sinesAndCosines, VectorNormals::quadrants,
        VectorNormals::store};

    /** The chunk being computed. */
    private int[] words;
    private int pairs;
    private float[] dst;
    private int at;
    private float mean;
    private float stddev;
    private boolean undecided;
    /** Per pair: the log's table index, and its entries 1/c and -log(1/c). */
    private final int[] index;
    private final double[] inverseC;
    private final double[] logC;
    /** Per pair: the log's z, then its reduced argument, then the angle's. */
    private final double[] reduced;
    /** Per pair: the log's k, then {@code k ln2_hi + log c}; and {@code k ln2_lo}. */
    private final double[] high;
    private final double[] low;
    /** Per pair: the angle times 2/pi plus the rounding constant, whose low bits hold the quadrant. */
    private final double[] quadrant;
    /** Per pair: sine and cosine of the reduced angle. */
    private final double[] sin;
    private final double[] cos;
    /** Per pair: the radius, then the two normals. */
    private final float[] radius;
    private final float[] first;
    private final float[] second;

    /** Scratch for up to {@code pairs} pairs, a multiple of {@link #lanes()}. */
    VectorNormals(int pairs) {
        index = new int[pairs];
        inverseC = new double[pairs];
        logC = new double[pairs];
        reduced = new double[pairs];
        high = new double[pairs];
        low = new double[pairs];
        quadrant = new double[pairs];
        sin = new double[pairs];
        cos = new double[pairs];
        radius = new float[pairs];
        first = new float[pairs];
        second = new float[pairs];
    }

    /** One pass over the chunk. */
    @FunctionalInterface
    private interface Pass {
        void run(VectorNormals normals);
    }

    /** Pairs per vector: the multiple that {@link #normals} takes. */
    static int lanes() {
        return LANES;
    }

    /**
     * Writes the normals of {@code words[0 .. 2 pairs)} ({@link Conversions#normals}), times {@code stddev} plus
     * {@code mean}, to {@code dst[at ..]}; returns false, with them partly written, when a value is undecided.
     */
    boolean normals(int[] words, int pairs, float[] dst, int at, float mean, float stddev) {
        this.words = words;
        this.pairs = pairs;
        this.dst = dst;
        this.at = at;
        this.mean = mean;
        this.stddev = stddev;
        undecided = false;
        for (Pass pass : PASSES) {
            pass.run(this);
        }
        return !undecided;
    }

    /** The log's split of each pair's uniform (its radius word, the low half of the pair's long): 2^k z. */
    private void logArguments() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            LongVector pair = IntVector.fromArray(INTS, words, 2 * p).reinterpretAsLongs();
            FloatVector u = ((FloatVector) pair.and(LOW_WORD).convertShape(VectorOperators.L2F, FLOATS, 0))
                    .mul(Conversions.TWO_POW_M32_F).add(Conversions.HALF_STEP_F);
            IntVector bits = u.reinterpretAsInts();
            IntVector tmp = bits.sub(FloatMath.LOG_OFFSET);
            tmp.lanewise(VectorOperators.LSHR, FloatMath.LOG_INTERVAL_SHIFT).and(FloatMath.LOG_TABLE_SIZE - 1)
                    .intoArray(index, p);
            ((DoubleVector) bits.sub(tmp.and(EXPONENT_BITS)).reinterpretAsFloats()
                    .convertShape(VectorOperators.F2D, DOUBLES, 0)).intoArray(reduced, p);
            ((DoubleVector) tmp.lanewise(VectorOperators.ASHR, MANTISSA_BITS)
                    .convertShape(VectorOperators.I2D, DOUBLES, 0)).intoArray(high, p);
        }
    }

    /** Each pair's entries of the log table (scalar loads: faster than the Vector API's gathers). */
    private void logTable() {
        int n = pairs;
        for (int p = 0; p < n; p++) {
            int i = index[p];
            inverseC[p] = FloatMath.LOG_INV_C[i];
            logC[p] = FloatMath.LOG_C[i];
        }
    }

    /** The table terms of each pair's log: {@code r = z / c - 1}, {@code k ln2_hi + log c} and {@code k ln2_lo}. */
    private void logTerms() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            DoubleVector z = DoubleVector.fromArray(DOUBLES, reduced, p);
            DoubleVector k = DoubleVector.fromArray(DOUBLES, high, p);
            z.mul(DoubleVector.fromArray(DOUBLES, inverseC, p)).sub(1).intoArray(reduced, p);
            k.mul(FloatMath.LN2_HI).add(DoubleVector.fromArray(DOUBLES, logC, p)).intoArray(high, p);
            k.mul(FloatMath.LN2_LO).intoArray(low, p);
        }
    }

    /** Each pair's radius {@code sqrt(-2 log u)}: the log's polynomial, its rounding (NaN if undecided). */
    private void radii() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            DoubleVector r = DoubleVector.fromArray(DOUBLES, reduced, p);
            DoubleVector r2 = r.mul(r);
            DoubleVector poly = r.add(r2.mul(r.mul(FloatMath.L3).add(FloatMath.L2).add(r2.mul(r.mul(FloatMath.L5)
                    .add(FloatMath.L4).add(r2.mul(r.mul(FloatMath.L7).add(FloatMath.L6)))))));
            DoubleVector y = DoubleVector.fromArray(DOUBLES, high, p)
                    .add(DoubleVector.fromArray(DOUBLES, low, p).add(poly));
            FloatVector below = (FloatVector) y.mul(FloatMath.BELOW).convertShape(VectorOperators.D2F, FLOATS, 0);
            FloatVector above = (FloatVector) y.mul(FloatMath.ABOVE).convertShape(VectorOperators.D2F, FLOATS, 0);
            below.blend(Float.NaN, below.compare(VectorOperators.NE, above)).mul(-2f).sqrt().intoArray(radius, p);
        }
    }

    /** The reduction of each pair's angle (its angle word, the high half of the pair's long) by multiples of pi/2. */
    private void angles() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            LongVector pair = IntVector.fromArray(INTS, words, 2 * p).reinterpretAsLongs();
            FloatVector angle = ((FloatVector) pair.lanewise(VectorOperators.LSHR, Integer.SIZE)
                    .convertShape(VectorOperators.L2F, FLOATS, 0))
                    .mul(Conversions.ANGLE_STEP_F).add(Conversions.ANGLE_HALF_STEP_F);
            DoubleVector v = (DoubleVector) angle.convertShape(VectorOperators.F2D, DOUBLES, 0);
            DoubleVector shifted = v.mul(FloatMath.TWO_OVER_PI).add(FloatMath.ROUND_MAGIC);
            shifted.intoArray(quadrant, p);
            DoubleVector kd = shifted.sub(FloatMath.ROUND_MAGIC);
            v.sub(kd.mul(FloatMath.PIO2_HI)).sub(kd.mul(FloatMath.PIO2_LO)).intoArray(reduced, p);
        }
    }

    /** Sine and cosine of each reduced angle (|r| <= pi/4): FloatMath's polynomials. */
    private void sinesAndCosines() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            DoubleVector r = DoubleVector.fromArray(DOUBLES, reduced, p);
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            r.add(r.mul(r2).mul(r2.mul(FloatMath.S5).add(FloatMath.S3)
                    .add(r4.mul(r2.mul(FloatMath.S9).add(FloatMath.S7)))
                    .add(r8.mul(r2.mul(FloatMath.S13).add(FloatMath.S11).add(r4.mul(FloatMath.S15))))))
                    .intoArray(sin, p);
            r2.mul(r2.mul(FloatMath.C4).add(FloatMath.C2).add(r4.mul(r2.mul(FloatMath.C8).add(FloatMath.C6)))
                    .add(r8.mul(r2.mul(FloatMath.C12).add(FloatMath.C10).add(r4.mul(FloatMath.C14))))).add(1)
                    .intoArray(cos, p);
        }
    }

    /**
     * The normals of each pair: sine and cosine of the angle by quadrant k (sin x = (s, c, -s, -c)[k mod 4], cos x =
     * (c, -s, -c, s)[k mod 4]), rounded (NaN if undecided), times the radius.
     */
    private void quadrants() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            LongVector k = DoubleVector.fromArray(DOUBLES, quadrant, p).reinterpretAsLongs();
            LongVector s = DoubleVector.fromArray(DOUBLES, sin, p).reinterpretAsLongs();
            LongVector c = DoubleVector.fromArray(DOUBLES, cos, p).reinterpretAsLongs();
            VectorMask<Long> swap = k.and(1).compare(VectorOperators.NE, 0);
            DoubleVector sine = s.blend(c, swap)
                    .lanewise(VectorOperators.XOR, k.and(2).lanewise(VectorOperators.LSHL, SIGN_SHIFT))
                    .reinterpretAsDoubles();
            DoubleVector cosine = c.blend(s, swap)
                    .lanewise(VectorOperators.XOR, k.add(1).and(2).lanewise(VectorOperators.LSHL, SIGN_SHIFT))
                    .reinterpretAsDoubles();
            FloatVector r = FloatVector.fromArray(FLOATS, radius, p);
            FloatVector below = (FloatVector) sine.mul(FloatMath.BELOW).convertShape(VectorOperators.D2F, FLOATS, 0);
            FloatVector above = (FloatVector) sine.mul(FloatMath.ABOVE).convertShape(VectorOperators.D2F, FLOATS, 0);
            below.blend(Float.NaN, below.compare(VectorOperators.NE, above)).mul(r).intoArray(first, p);
            below = (FloatVector) cosine.mul(FloatMath.BELOW).convertShape(VectorOperators.D2F, FLOATS, 0);
            above = (FloatVector) cosine.mul(FloatMath.ABOVE).convertShape(VectorOperators.D2F, FLOATS, 0);
            below.blend(Float.NaN, below.compare(VectorOperators.NE, above)).mul(r).intoArray(second, p);
        }
    }

    /** Interleaves the pairs' normals into {@code dst}, times {@code stddev} plus {@code mean}; stops at a NaN. */
    private void store() {
        int n = pairs;
        for (int p = 0; p < n; p += LANES) {
            LongVector lowHalves = ((LongVector) FloatVector.fromArray(FLOATS, first, p).reinterpretAsInts()
                    .convertShape(VectorOperators.I2L, VectorBlockFills.LONGS, 0)).and(LOW_WORD);
            LongVector highHalves = ((LongVector) FloatVector.fromArray(FLOATS, second, p).reinterpretAsInts()
                    .convertShape(VectorOperators.I2L, VectorBlockFills.LONGS, 0)).lanewise(VectorOperators.LSHL,
                    Integer.SIZE);
            FloatVector z = lowHalves.or(highHalves).reinterpretAsFloats();
            if (z.test(VectorOperators.IS_NAN).anyTrue()) {
                undecided = true;
                return;
            }
            z.mul(stddev).add(mean).intoArray(dst, at + 2 * p);
        }
    }
}
