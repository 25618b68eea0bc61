package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.cli.JarProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seedbank.jar without Spark: no Spark, Scala, RocksDB or rng-spark class in it, native libraries for
 * linux-x86_64 only, and {@code train --spark} says in one line (exit 2, nothing written) which jar has Spark.
 * The Spark runs themselves are tested in the spark-launcher module.
 */
class SparkLeftOutIT {
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib|a)");

    @TempDir
    Path tmp;

    @Test
    void theJarHasNoSparkAndOnlyLinuxX8664Natives() throws Exception {
        List<String> spark = new ArrayList<>();
        TreeSet<String> natives = new TreeSet<>();
        int classes = 0;
        try (ZipFile jar = new ZipFile(JarProcess.JAR.toFile())) {
            for (var e : Collections.list(jar.entries())) {
                String n = e.getName();
                classes += n.endsWith(".class") ? 1 : 0;
                if (n.startsWith("org/apache/spark/") || n.startsWith("scala/") || n.startsWith("org/rocksdb/")
                        || n.startsWith("dev/seedbank/spark/") || n.startsWith("org/deeplearning4j/spark/")) {
                    spark.add(n);
                }
                if (NATIVE.matcher(n).matches()) {
                    natives.add(n);
                }
            }
        }
        assertTrue(classes > 1000, "too few classes: " + classes);
        assertEquals(List.of(), spark.subList(0, Math.min(5, spark.size())), spark.size() + " Spark entries");
        assertTrue(natives.contains("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so"), natives.toString());
        for (String n : natives) {
            assertTrue(n.contains("/linux-x86_64/") || n.contains("/linux-x86-64/"), "native library of another platform: " + n);
        }
    }

    @Test
    void trainWithSparkNamesTheLauncherJarAndWritesNothing() throws Exception {
        for (String master : List.of("local[2]", "spark://127.0.0.1:7077")) {
            Path out = tmp.resolve("never");
            Result r = JarProcess.run(tmp, 120, List.of(), "train", "--seed", "1", "--epochs", "1", "--spark", master,
                    "--out", out.toString());
            assertEquals(2, r.exit(), r.all());
            assertEquals("seedbank: --spark needs Spark, which seedbank.jar leaves out: run the same command with java"
                    + " -jar spark-launcher/target/seedbank-spark.jar (mvn -B package -pl spark-launcher -am builds it)",
                    r.err().strip(), r.all());
            assertFalse(r.out().contains("Exception"), r.all());
            assertFalse(Files.exists(out), "train wrote " + out);
        }
    }
}
