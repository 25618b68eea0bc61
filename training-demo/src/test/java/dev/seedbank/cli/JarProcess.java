package dev.seedbank.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged seedbank.jar in a child JVM, as users do, and captures what it printed. */
final class JarProcess {
    static final Path JAR = Path.of(System.getProperty("seedbank.jar", "target/seedbank.jar"));

    private JarProcess() {
    }

    /** What one run printed and how it ended. */
    record Result(int exit, String out, String err, double seconds) {
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * Runs {@code java JVM-OPTIONS -jar seedbank.jar ARGS} in {@code dir} with the environment a user has (no
     * native thread count pinned: the demo must not pass only because the tests pin it); fails after
     * {@code timeoutSeconds}.
     */
    static Result run(Path dir, long timeoutSeconds, List<String> jvm, String... args)
            throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>(jvm);
        launch.addAll(List.of("-jar", JAR.toString()));
        return java(dir, timeoutSeconds, launch, args);
    }

    /**
     * Runs test class {@code main} with seedbank.jar and this module's test classes on the class path, as
     * {@link #run} runs the jar: a run with changes only tests make ({@link PlantedChanges}).
     */
    static Result runTestMain(Path dir, long timeoutSeconds, Class<?> main, String... args)
            throws IOException, InterruptedException {
        try {
            Path testClasses = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI());
            return java(dir, timeoutSeconds, List.of("-cp", JAR + File.pathSeparator + testClasses, main.getName()), args);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result java(Path dir, long timeoutSeconds, List<String> launch, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launch);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + cmd);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), seconds);
    }
}
