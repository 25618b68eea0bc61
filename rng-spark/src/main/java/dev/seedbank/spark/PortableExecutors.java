package dev.seedbank.spark;

import dev.seedbank.nd4j.portable.PortableMode;
import org.apache.spark.SparkConf;

/**
 * Portable mode on Spark executors. An executor is a JVM of its own, started by the cluster before any Seedbank
 * code runs in it, so the driver's portable mode does not reach it: its native libraries would load with the
 * executor machine's kernels and thread counts, and a cluster run would differ from a local one
 * (docs/portable.md). {@link #configure} gives the executors, through the {@link SparkConf}, the C environment and
 * JVM option that {@link PortableMode#enable()} sets before the libraries load; {@link SeededTrainingMaster}'s
 * tasks then enable portable mode in the executor (idempotent) when the driver is in it, which fails with one
 * line when the executor's libraries were loaded otherwise.
 *
 * <p>Stateless; thread-safe.
 */
public final class PortableExecutors {
    static final String EXECUTOR_ENV = "spark.executorEnv.";
    static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";

    private PortableExecutors() {
    }

    /**
     * Adds portable mode's executor settings to {@code conf}, before the Spark context starts: each
     * {@code spark.executorEnv.*} of {@link PortableMode#nativeEnvironment()} unless set, and
     * {@link PortableMode#javaOption()} appended to {@code spark.executor.extraJavaOptions}.
     *
     * @return {@code conf}
     */
    public static SparkConf configure(SparkConf conf) {
        PortableMode.nativeEnvironment().forEach((name, value) -> conf.setIfMissing(EXECUTOR_ENV + name, value));
        String options = conf.get(EXECUTOR_JAVA_OPTIONS, "").strip();
        if (!options.contains(PortableMode.javaOption())) {
            conf.set(EXECUTOR_JAVA_OPTIONS, (options + " " + PortableMode.javaOption()).strip());
        }
        return conf;
    }

    /** Whether the calling JVM is in portable mode (on the driver: so the executors must be). */
    static boolean driverIsPortable() {
        return PortableMode.mode().equals(PortableMode.PORTABLE);
    }

    /** Portable mode in this executor JVM (idempotent; once in force, a check of one field per task). */
    static void enableHere() {
        if (driverIsPortable()) { // in force here already (local mode, or an earlier task in this executor)
            return;
        }
        try {
            PortableMode.enable();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalStateException("the driver trains in portable mode but this executor cannot: "
                    + e.getMessage() + " (configure the driver's SparkConf with PortableExecutors.configure)", e);
        }
    }
}
