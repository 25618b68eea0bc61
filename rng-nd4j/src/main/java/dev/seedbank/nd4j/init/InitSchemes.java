package dev.seedbank.nd4j.init;

import dev.seedbank.nd4j.fill.ArrayFills;
import dev.seedbank.rng.stream.PhiloxStream;
import java.lang.reflect.Field;
import org.deeplearning4j.nn.conf.distribution.BinomialDistribution;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.Distribution;
import org.deeplearning4j.nn.conf.distribution.LogNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.distribution.TruncatedNormalDistribution;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.weights.WeightInitIdentity;
import org.deeplearning4j.nn.weights.WeightInitLecunUniform;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitSigmoidUniform;
import org.deeplearning4j.nn.weights.WeightInitUniform;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingNormalFanOut;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanAvg;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanIn;
import org.deeplearning4j.nn.weights.WeightInitVarScalingUniformFanOut;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierLegacy;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.deeplearning4j.nn.weights.embeddings.WeightInitEmbedding;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J 1.0.0-M2.1's weight-init schemes, reproduced on Seedbank streams (formulas read from the
 * {@code org.deeplearning4j.nn.weights} classes of that release; scales computed in double as there):
 *
 * <table>
 * <caption>scheme: distribution drawn</caption>
 * <tr><td>XAVIER ({@code WeightInitXavier})</td><td>normal(0, sqrt(2 / (fanIn + fanOut)))</td></tr>
 * <tr><td>XAVIER_UNIFORM</td><td>uniform(-s, s), s = sqrt(6) / sqrt(fanIn + fanOut)</td></tr>
 * <tr><td>XAVIER_LEGACY</td><td>normal(0, 1 / sqrt(shape[0] + shape[1]))</td></tr>
 * <tr><td>NORMAL, LECUN_NORMAL, XAVIER_FAN_IN ({@code WeightInitNormal})</td><td>normal(0, 1 / sqrt(fanIn))</td></tr>
 * <tr><td>RELU</td><td>normal(0, sqrt(2 / fanIn))</td></tr>
 * <tr><td>RELU_UNIFORM</td><td>uniform(-s, s), s = sqrt(6 / fanIn)</td></tr>
 * <tr><td>SIGMOID_UNIFORM</td><td>uniform(-s, s), s = 4 sqrt(6 / (fanIn + fanOut))</td></tr>
 * <tr><td>UNIFORM</td><td>uniform(-s, s), s = 1 / sqrt(fanIn)</td></tr>
 * <tr><td>LECUN_UNIFORM</td><td>uniform(-s, s), s = 3 / sqrt(fanIn) (DL4J's formula)</td></tr>
 * <tr><td>VAR_SCALING_NORMAL_FAN_IN</td><td>truncated normal(0, sqrt(1 / fanIn)), or sqrt(scale / fanIn)</td></tr>
 * <tr><td>VAR_SCALING_NORMAL_FAN_OUT</td><td>truncated normal(0, sqrt(1 / fanOut)), or sqrt(scale / fanOut)</td></tr>
 * <tr><td>VAR_SCALING_NORMAL_FAN_AVG</td><td>truncated normal(0, sqrt(2 / (fanIn + fanOut))), or sqrt(2 scale / (fanIn + fanOut))</td></tr>
 * <tr><td>VAR_SCALING_UNIFORM_FAN_IN</td><td>uniform(-s, s), s = 3 / sqrt(fanIn) [* scale]</td></tr>
 * <tr><td>VAR_SCALING_UNIFORM_FAN_OUT</td><td>uniform(-s, s), s = 3 / sqrt(fanOut) [* scale]</td></tr>
 * <tr><td>VAR_SCALING_UNIFORM_FAN_AVG</td><td>uniform(-s, s), s = 3 / sqrt((fanIn + fanOut) / 2) [* scale]</td></tr>
 * <tr><td>DISTRIBUTION: Normal / Gaussian(mean, std)</td><td>normal(mean, std)</td></tr>
 * <tr><td>DISTRIBUTION: Uniform(lower, upper)</td><td>uniform(lower, upper)</td></tr>
 * <tr><td>DISTRIBUTION: TruncatedNormal(mean, std)</td><td>truncated normal(mean, std)</td></tr>
 * <tr><td>DISTRIBUTION: LogNormal(mean, std)</td><td>exp(normal(mean, std))</td></tr>
 * <tr><td>DISTRIBUTION: Binomial(n, p)</td><td>binomial(n, p)</td></tr>
 * <tr><td>DISTRIBUTION: Constant(v); ZERO, ONES (WeightInitConstant); IDENTITY; embeddings</td><td>no randomness: DL4J's own code</td></tr>
 * </table>
 *
 * The truncated normal, uniform and normal rules are {@link ArrayFills}'. DL4J's OrthogonalDistribution
 * (an SVD of a normal matrix through the backend's solver) and custom {@link IWeightInit}s are rejected.
 */
final class InitSchemes {
    private InitSchemes() {
    }

    /** Whether DL4J's own implementation of {@code scheme} draws no random numbers. */
    static boolean isDeterministic(IWeightInit scheme) {
        return scheme instanceof WeightInitConstant || scheme instanceof WeightInitIdentity
                || scheme instanceof WeightInitEmbedding
                || scheme instanceof WeightInitDistribution d && distribution(d) instanceof ConstantDistribution;
    }

    /** Throws {@link IllegalArgumentException} naming {@code where} unless {@code scheme} is supported. */
    static void checkSupported(IWeightInit scheme, String where) {
        if (isDeterministic(scheme)) {
            return;
        }
        if (scheme instanceof WeightInitDistribution d) {
            Distribution dist = distribution(d);
            if (dist instanceof NormalDistribution || dist instanceof UniformDistribution
                    || dist instanceof TruncatedNormalDistribution || dist instanceof LogNormalDistribution
                    || dist instanceof BinomialDistribution) {
                return;
            }
            throw new IllegalArgumentException("cannot seed the weight init of " + where + ": distribution "
                    + (dist == null ? "null" : dist.getClass().getSimpleName()) + " is not supported (supported: "
                    + "Normal, Gaussian, Uniform, TruncatedNormal, LogNormal, Binomial, Constant)");
        }
        if (scheme.getClass().getPackageName().equals("org.deeplearning4j.nn.weights") && isKnown(scheme)) {
            return;
        }
        throw new IllegalArgumentException("cannot seed the weight init of " + where + ": "
                + scheme.getClass().getName() + " is not a DL4J weight init scheme that Seedbank reproduces "
                + "(it would draw from ND4J's thread generator)");
    }

    private static boolean isKnown(IWeightInit s) {
        return s instanceof WeightInitXavier || s instanceof WeightInitXavierUniform
                || s instanceof WeightInitXavierLegacy || s instanceof WeightInitNormal || s instanceof WeightInitRelu
                || s instanceof WeightInitReluUniform || s instanceof WeightInitSigmoidUniform
                || s instanceof WeightInitUniform || s instanceof WeightInitLecunUniform
                || s instanceof WeightInitVarScalingNormalFanIn || s instanceof WeightInitVarScalingNormalFanOut
                || s instanceof WeightInitVarScalingNormalFanAvg || s instanceof WeightInitVarScalingUniformFanIn
                || s instanceof WeightInitVarScalingUniformFanOut || s instanceof WeightInitVarScalingUniformFanAvg;
    }

    /** Fills {@code view} as {@code scheme} would, from {@code stream}. */
    static void fill(IWeightInit scheme, double fanIn, double fanOut, long[] shape, INDArray view, PhiloxStream stream) {
        if (scheme instanceof WeightInitXavier) {
            ArrayFills.normal(view, stream, 0, Math.sqrt(2.0 / (fanIn + fanOut)));
        } else if (scheme instanceof WeightInitXavierUniform) {
            symmetricUniform(view, stream, Math.sqrt(6.0) / Math.sqrt(fanIn + fanOut));
        } else if (scheme instanceof WeightInitXavierLegacy) {
            ArrayFills.normal(view, stream, 0, 1.0 / Math.sqrt((double) (shape[0] + shape[1])));
        } else if (scheme instanceof WeightInitNormal) {
            ArrayFills.normal(view, stream, 0, 1.0 / Math.sqrt(fanIn));
        } else if (scheme instanceof WeightInitRelu) {
            ArrayFills.normal(view, stream, 0, Math.sqrt(2.0 / fanIn));
        } else if (scheme instanceof WeightInitReluUniform) {
            symmetricUniform(view, stream, Math.sqrt(6.0 / fanIn));
        } else if (scheme instanceof WeightInitSigmoidUniform) {
            symmetricUniform(view, stream, 4.0 * Math.sqrt(6.0 / (fanIn + fanOut)));
        } else if (scheme instanceof WeightInitUniform) {
            symmetricUniform(view, stream, 1.0 / Math.sqrt(fanIn));
        } else if (scheme instanceof WeightInitLecunUniform) {
            symmetricUniform(view, stream, 3.0 / Math.sqrt(fanIn));
        } else if (scheme instanceof WeightInitVarScalingNormalFanIn s) {
            Double scale = s.getScale();
            ArrayFills.truncatedNormal(view, stream, 0, scale == null ? Math.sqrt(1.0 / fanIn) : Math.sqrt(scale / fanIn));
        } else if (scheme instanceof WeightInitVarScalingNormalFanOut s) {
            Double scale = s.getScale();
            ArrayFills.truncatedNormal(view, stream, 0,
                    scale == null ? Math.sqrt(1.0 / fanOut) : Math.sqrt(scale / fanOut));
        } else if (scheme instanceof WeightInitVarScalingNormalFanAvg s) {
            Double scale = s.getScale();
            ArrayFills.truncatedNormal(view, stream, 0,
                    scale == null ? Math.sqrt(2.0 / (fanIn + fanOut)) : Math.sqrt(2.0 * scale / (fanIn + fanOut)));
        } else if (scheme instanceof WeightInitVarScalingUniformFanIn s) {
            symmetricUniform(view, stream, scaled(3.0 / Math.sqrt(fanIn), s.getScale()));
        } else if (scheme instanceof WeightInitVarScalingUniformFanOut s) {
            symmetricUniform(view, stream, scaled(3.0 / Math.sqrt(fanOut), s.getScale()));
        } else if (scheme instanceof WeightInitVarScalingUniformFanAvg s) {
            symmetricUniform(view, stream, scaled(3.0 / Math.sqrt((fanIn + fanOut) / 2), s.getScale()));
        } else if (scheme instanceof WeightInitDistribution d) {
            fillDistribution(distribution(d), view, stream);
        } else {
            throw new IllegalArgumentException("cannot seed weight init " + scheme.getClass().getName());
        }
    }

    private static void fillDistribution(Distribution dist, INDArray view, PhiloxStream stream) {
        if (dist instanceof NormalDistribution n) {
            ArrayFills.normal(view, stream, n.getMean(), n.getStd());
        } else if (dist instanceof UniformDistribution u) {
            ArrayFills.uniform(view, stream, u.getLower(), u.getUpper());
        } else if (dist instanceof TruncatedNormalDistribution t) {
            ArrayFills.truncatedNormal(view, stream, t.getMean(), t.getStd());
        } else if (dist instanceof LogNormalDistribution l) {
            ArrayFills.logNormal(view, stream, l.getMean(), l.getStd());
        } else if (dist instanceof BinomialDistribution b) {
            ArrayFills.binomial(view, stream, b.getNumberOfTrials(), b.getProbabilityOfSuccess());
        } else {
            throw new IllegalArgumentException("cannot seed weight init distribution "
                    + (dist == null ? "null" : dist.getClass().getName()));
        }
    }

    private static double scaled(double value, Double scale) {
        return scale == null ? value : value * scale;
    }

    private static void symmetricUniform(INDArray view, PhiloxStream stream, double bound) {
        ArrayFills.uniform(view, stream, -bound, bound);
    }

    /** {@code WeightInitDistribution} has no getter for its distribution in 1.0.0-M2.1. */
    static Distribution distribution(WeightInitDistribution init) {
        try {
            Field f = WeightInitDistribution.class.getDeclaredField("distribution");
            f.setAccessible(true);
            return (Distribution) f.get(init);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the distribution of " + init
                    + " (DL4J's WeightInitDistribution changed)", e);
        }
    }
}
