package dev.seedbank.demo;

import dev.seedbank.record.BadInputException;
import dev.seedbank.record.RunDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark masters {@code seedbank train --spark MASTER} accepts, and whether Spark is on the classpath at
 * all. Loads no Spark class: {@code seedbank.jar} has no Spark, and {@link SparkTrainer} (which needs it) is
 * only loaded once both checks passed.
 *
 * <p>Accepted: {@code local}, {@code local[N]}, {@code local[*]} (local mode in this JVM) and
 * {@code spark://HOST:PORT} (a standalone cluster; this JVM is the driver, in client mode).
 *
 * <p>Stateless; thread-safe.
 */
public final class SparkMasters {
    /** The jar that has Spark: the spark-launcher module's, next to seedbank.jar's module in a build tree. */
    public static final String LAUNCHER_JAR = "spark-launcher/target/seedbank-spark.jar";

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,3})])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([A-Za-z0-9][A-Za-z0-9.-]*):([0-9]{1,5})");

    private SparkMasters() {
    }

    /** Refuses (one line) a master other than local mode or one standalone master. */
    public static void check(String master) {
        if (LOCAL.matcher(master).matches()) {
            return;
        }
        Matcher m = STANDALONE.matcher(master);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            if (port >= 1 && port <= 65535) {
                return;
            }
        }
        throw new BadInputException("--spark expects local, local[N], local[*] (Spark local mode) or spark://HOST:PORT"
                + " (a standalone master), got '" + master + "'");
    }

    /** True for {@code spark://HOST:PORT}. */
    static boolean isStandalone(String master) {
        return STANDALONE.matcher(master).matches();
    }

    /** The host of a {@code spark://HOST:PORT} master. */
    static String host(String master) {
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a standalone master: " + master);
        }
        return m.group(1);
    }

    /** The port of a {@code spark://HOST:PORT} master. */
    static int port(String master) {
        Matcher m = STANDALONE.matcher(master);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a standalone master: " + master);
        }
        return Integer.parseInt(m.group(2));
    }

    /**
     * Refuses (one line) to train on Spark in a JVM without Spark and rng-spark on the classpath (plain
     * {@code seedbank.jar}), naming the jar that has them; for a standalone master, also when nothing accepts a
     * connection at its address within {@value #PROBE_TIMEOUT_MS} ms. Called before the job draws or writes
     * anything.
     */
    public static void requireSpark(String master) {
        requireSparkClasses();
        if (isStandalone(master)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host(master), port(master)), PROBE_TIMEOUT_MS);
            } catch (IOException e) {
                throw new BadInputException("Spark master " + master + " does not answer (" + RunDirectory.describe(e)
                        + "); start one with scripts/spark-cluster start, or check the address");
            }
        }
    }

    /** How long a standalone master's address may take to accept a connection. */
    static final int PROBE_TIMEOUT_MS = 10_000;

    private static void requireSparkClasses() {
        ClassLoader loader = SparkMasters.class.getClassLoader();
        for (String name : new String[] {"org.apache.spark.SparkContext", "dev.seedbank.spark.SeededTrainingMaster"}) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new BadInputException("--spark needs Spark, which seedbank.jar leaves out: run the same command"
                        + " with java -jar " + LAUNCHER_JAR + " (mvn -B package -pl spark-launcher -am builds it)");
            }
        }
    }
}
