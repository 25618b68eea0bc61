package dev.seedbank.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seedbank.nd4j.portable.PortableMode;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class PortableExecutorsTest {
    @Test
    void executorsGetPortableModesNativeSettingsAndJvmOption() {
        SparkConf conf = PortableExecutors.configure(new SparkConf(false));
        assertEquals("Haswell", conf.get("spark.executorEnv.OPENBLAS_CORETYPE"));
        assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("1", conf.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
        assertEquals(PortableMode.javaOption(), conf.get("spark.executor.extraJavaOptions"));
        assertEquals("-Dorg.bytedeco.javacpp.platform.extension=-seedbank-generic", PortableMode.javaOption());
    }

    @Test
    void theUsersOwnSettingsStayAndTheOptionIsAddedOnce() {
        SparkConf conf = new SparkConf(false).set("spark.executor.extraJavaOptions", "-Xss4m")
                .set("spark.executorEnv.OMP_NUM_THREADS", "1");
        PortableExecutors.configure(PortableExecutors.configure(conf));
        assertEquals("-Xss4m " + PortableMode.javaOption(), conf.get("spark.executor.extraJavaOptions"));
        assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals(3, conf.getAllWithPrefix("spark.executorEnv.").length);
    }
}
