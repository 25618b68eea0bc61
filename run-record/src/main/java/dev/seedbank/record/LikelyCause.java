package dev.seedbank.record;

/** The usual reason why a difference in configuration or environment changes training results. */
final class LikelyCause {
    private LikelyCause() {
    }

    /** The likely effect of a differing run field or environment entry. */
    static String of(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.equals("run.rootseed")) {
            return "different root seed: every stream differs, so everything differs from initialisation on";
        }
        if (k.equals("run.derivationversion")) {
            return "different key derivation: every stream differs";
        }
        if (k.equals("configsha256") || k.startsWith("configuration")) {
            return "different network configuration";
        }
        if (k.equals("run.spark")) {
            return "one run trained on Spark (SeededTrainingMaster: synchronous parameter averaging over partitions),"
                    + " the other on one JVM: a different training algorithm, so the results differ after initialisation";
        }
        if (k.equals("run.spark.partitions")) {
            return "different Spark partition count: each worker trains on other examples and a different number of"
                    + " parameter vectors is averaged";
        }
        if (k.equals("run.spark.master")) {
            return "different Spark master / executor threads: not expected to matter (results do not depend on"
                    + " executor threads)";
        }
        if (k.equals("run.spark.sparkversion")) {
            return "different Spark release: not expected to matter (Seedbank places the examples and averages in a"
                    + " fixed order; Spark only moves the data)";
        }
        if (k.startsWith("run.spark.settings.")) {
            return "different training-master setting: other minibatches per worker or other averaging points";
        }
        if (k.equals("run.model")) {
            return "different model";
        }
        if (k.equals("run.examples") || k.equals("run.batchsize")) {
            return "different data or batching: every iteration sees other examples";
        }
        if (k.equals("run.augmentthreads")) {
            return "augmentation threads: not expected to matter (each sample draws from its own stream)";
        }
        if (k.equals("run.hashevery")) {
            return "fingerprints taken at different iterations: only common points are compared";
        }
        if (k.equals("run.epochs") || k.equals("run.completedepochs")) {
            return "runs of different length: only common points are compared";
        }
        if (k.equals("portable.mode")) {
            return "portable vs machine-specific mode: machine-specific runs use the machine's own BLAS kernels,"
                    + " native build and thread counts, which change the arithmetic (docs/portable.md)";
        }
        if (k.equals("portable.blas.kernel")) {
            return "different OpenBLAS kernel: other blocking and FMA use in matrix products (docs/portable.md)";
        }
        if (k.equals("portable.nd4j.build")) {
            return "different nd4j-native build (generic, AVX2, AVX-512): vectorised native ops sum in another order";
        }
        if (k.startsWith("portable.") && k.contains("thread")) {
            return "different native thread count: libnd4j and OpenBLAS split sums by thread (docs/portable.md)";
        }
        if (k.contains("omp")) {
            return "different OpenMP thread count: reduction order in native ops";
        }
        if (k.contains("blas") && k.contains("thread")) {
            return "different BLAS thread count: reduction order in matrix products";
        }
        if (k.contains("blas") || k.contains("mkl")) {
            return "different BLAS library or settings: different kernels and summation order";
        }
        if (k.contains("simd") || k.contains("cpu.flags") || k.contains("cpu.features")) {
            return "different SIMD level: vectorised kernels sum in a different order";
        }
        if (k.startsWith("cpu")) {
            return "different CPU: native kernels may take other code paths";
        }
        if (k.contains("backend") || k.contains("cuda") || k.contains("cudnn")) {
            return "different ND4J backend or device: different kernels";
        }
        if (k.startsWith("nd4j")) {
            return "different ND4J build or settings: kernels and defaults may differ";
        }
        if (k.equals("seedbank.fillpath")) {
            return "Seedbank's fill path (scalar or Vector API): the values are the same bit for bit, so not a cause";
        }
        if (k.startsWith("seedbank")) {
            return "different Seedbank build: derivation or job code may differ";
        }
        if (k.startsWith("java")) {
            return "different JVM: Java-side arithmetic is strict, so an unlikely cause";
        }
        if (k.startsWith("os")) {
            return "different operating system: native libraries may differ";
        }
        if (k.startsWith("env.")) {
            return "different environment variable";
        }
        return "environment differs";
    }
}
