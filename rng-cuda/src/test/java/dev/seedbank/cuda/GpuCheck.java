package dev.seedbank.cuda;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UlpCounter;
import dev.seedbank.rng.stream.ValueArray;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * GPU check, run on a machine with an NVIDIA GPU (rng-cuda/gpu-check/run.sh): for sample keys, positions and
 * counts of every format, device-API cuRAND equals host-API cuRAND equals the Java stream fills (bit-exact for
 * u32/uniform/uniform-double; normals within the bounds of docs/stream-spec.md), then device fill throughput
 * in GB/s next to the card's device-to-device cudaMemcpy bandwidth measured in the same run. Prints markdown.
 *
 * <p>Exit status: 0 all equal, 1 a difference, 2 cannot run (no library, no GPU: one line on stderr).
 * Options: {@code --quick} (fewer cases), {@code --bytes N} (throughput buffer size, default 1 GiB).
 *
 * <p>A tool, not library code: it lives with the tests (it shares their bounds, {@code UlpCounter} from
 * rng-core's test-jar) and {@code mvn package} bundles it as {@code rng-cuda-<version>-gpu-check.jar}
 * (gpu-check/assembly.xml, docs/cuda.md). Single-threaded.
 */
final class GpuCheck {
    private static final long[] COUNTS = {1, 2, 3, 5, 7, 8, 4096, 65_537};
    private static final long BIG_COUNT = (1 << 20) + 3;
    private static final int REPEATS = 20;
    /** Equivalence time per format, so that the whole check stays well under 5 minutes on a slow host CPU. */
    private static final long FORMAT_BUDGET_NANOS = 30_000_000_000L;

    private GpuCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean quick = false;
        long bufferBytes = 1L << 30;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--bytes") && i + 1 < args.length) {
                bufferBytes = Long.parseLong(args[++i]);
            } else {
                err.println("gpu-check: unknown argument " + args[i] + " (expected --quick, --bytes N)");
                return 2;
            }
        }
        try {
            CurandLibrary.load();
            CurandLibrary.requireGpu();
        } catch (CurandUnavailableException e) {
            err.println("gpu-check: " + e.getMessage());
            return 2;
        }
        describeMachine(out);
        boolean equal = equivalence(out, quick);
        throughput(out, bufferBytes);
        out.println();
        out.println(equal ? "RESULT: device == host == Java for every format (within the stated normal bounds)"
                : "RESULT: DIFFERENCES FOUND (see the table)");
        return equal ? 0 : 1;
    }

    private static void describeMachine(PrintStream out) {
        int[] device = new int[1];
        Cuda.check(cudart.cudaGetDevice(device), "cudaGetDevice");
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            Cuda.check(cudart.cudaGetDeviceProperties(prop, device[0]), "cudaGetDeviceProperties");
            out.println("# Seedbank rng-cuda GPU check");
            out.println();
            out.println("- device " + device[0] + ": " + prop.name().getString() + ", compute capability "
                    + prop.major() + "." + prop.minor() + ", " + (prop.totalGlobalMem() >> 20) + " MiB");
        }
        int[] driver = new int[1];
        int[] runtime = new int[1];
        cudart.cudaDriverGetVersion(driver);
        cudart.cudaRuntimeGetVersion(runtime);
        out.println("- driver supports CUDA " + CurandLibrary.cudaVersion(driver[0]) + ", runtime CUDA "
                + CurandLibrary.cudaVersion(runtime[0]) + ", cuRAND " + CurandLibrary.version() + ", Java "
                + System.getProperty("java.version"));
        out.println();
    }

    /** Device (staged and direct) vs host vs Java for every format; prints the table, returns whether all agree. */
    private static boolean equivalence(PrintStream out, boolean quick) {
        SplittableRandom r = new SplittableRandom(0x5EED_C0DAL);
        long[] keys = {0x5EED, 0, -1, r.nextLong(), r.nextLong()};
        long[] positions = {0, 1, 3, 4, 8, (1L << 18) - 3, (1L << 34) + 7, 1L << 63, -1L - 70_000, r.nextLong()};
        if (quick) {
            keys = new long[] {keys[0], keys[2]};
            positions = new long[] {0, 4, (1L << 18) - 3, -1L - 70_000};
        }
        long start = System.nanoTime();
        out.println("## Equivalence: device API vs host API vs Java streams");
        out.println();
        out.println("| format | cases | values | device = host | device = Java | host = Java | device direct = staged | verdict |");
        out.println("| --- | ---: | ---: | --- | --- | --- | --- | --- |");
        boolean all = true;
        for (Format format : Format.values()) {
            List<long[]> cases = new ArrayList<>();
            for (long key : keys) {
                for (long position : positions) {
                    for (long count : COUNTS) {
                        cases.add(new long[] {key, position, count});
                    }
                }
            }
            // shuffled so that a run cut short by the time budget still covers keys, positions and counts
            for (int i = cases.size() - 1; i > 0; i--) {
                int k = r.nextInt(i + 1);
                long[] t = cases.get(i);
                cases.set(i, cases.get(k));
                cases.set(k, t);
            }
            cases.add(0, new long[] {keys[0], 0, BIG_COUNT});
            cases.add(1, new long[] {keys[1], (1L << 18) - 3, BIG_COUNT});
            cases.add(2, new long[] {keys[keys.length - 1], -1L - BIG_COUNT / 2, BIG_COUNT});
            Map<Pair, UlpCounter> stats = new EnumMap<>(Pair.class);
            for (Pair p : Pair.values()) {
                stats.put(p, new UlpCounter());
            }
            boolean positionsAgree = true;
            long formatStart = System.nanoTime();
            int run = 0;
            for (long[] c : cases) {
                if (System.nanoTime() - formatStart > FORMAT_BUDGET_NANOS) {
                    break;
                }
                positionsAgree &= compare(format, c[0], c[1], (int) c[2], stats);
                run++;
            }
            String caseCount = run == cases.size() ? String.valueOf(run) : run + " of " + cases.size() + " (time budget)";
            boolean ok = positionsAgree && verdict(format, stats);
            all &= ok;
            out.println("| " + format + " | " + caseCount + " | " + stats.get(Pair.HOST_JAVA).values() + " | "
                    + stats.get(Pair.DEVICE_HOST) + " | " + stats.get(Pair.DEVICE_JAVA) + " | "
                    + stats.get(Pair.HOST_JAVA) + " | " + stats.get(Pair.DIRECT_STAGED) + " | "
                    + (ok ? "PASS" : positionsAgree ? "DIFFERS" : "DIFFERS (stream positions)") + " |");
        }
        out.println();
        out.printf("Normals are compared at the value's scale (half the cases use mean -1.5, stddev 0.25); pass:"
                + " >= %.0f%% (normal) / %.0f%% (normal-double) bit-exact and <= 3 ulp (normal) / 4 ulp (normal-double),"
                + " the host bounds of docs/stream-spec.md and docs/cuda.md; other formats must be 100%% exact;"
                + " 'device direct = staged' must be 100%%. Equivalence took %.1f s.%n", 100 * UlpCounter.MIN_EXACT_NORMAL,
                100 * UlpCounter.MIN_EXACT_NORMAL_DOUBLE, (System.nanoTime() - start) / 1e9);
        out.println();
        return all;
    }

    private enum Pair { DEVICE_HOST, DEVICE_JAVA, HOST_JAVA, DIRECT_STAGED }

    private static boolean verdict(Format format, Map<Pair, UlpCounter> stats) {
        if (stats.get(Pair.DIRECT_STAGED).exact() != stats.get(Pair.DIRECT_STAGED).values()) {
            return false;
        }
        for (Pair p : Pair.values()) {
            if (!stats.get(p).withinCurandBounds(format)) {
                return false;
            }
        }
        return true;
    }

    /** One case: fills through Java, host API, device API (staged to a Java array and direct to device memory). */
    private static boolean compare(Format format, long key, long position, int count, Map<Pair, UlpCounter> stats) {
        PhiloxStream java = new PhiloxStream(key, position);
        PhiloxStream host = new PhiloxStream(key, position);
        PhiloxStream staged = new PhiloxStream(key, position);
        PhiloxStream direct = new PhiloxStream(key, position);
        double mean = count % 2 == 0 ? 0 : -1.5;
        double stddev = count % 2 == 0 ? 1 : 0.25;
        if (!format.isNormal()) {
            mean = 0;
            stddev = 1;
        }
        ValueArray j = format.allocate(count);
        ValueArray h = format.allocate(count);
        ValueArray s = format.allocate(count);
        ValueArray d = format.allocate(count);
        j.fill(java, mean, stddev);
        try (CurandGenerator g = CurandGenerator.host(host)) {
            g.fill(h, mean, stddev);
        }
        try (CurandGenerator g = CurandGenerator.device(staged)) {
            g.fill(s, mean, stddev);
            long bytes = (long) count * format.bytes();
            long buffer = Cuda.malloc(bytes);
            try (BytePointer back = new BytePointer(bytes)) {
                try (CurandGenerator gd = CurandGenerator.device(direct)) {
                    gd.fillDevice(format, buffer, bytes, count, mean, stddev);
                }
                Cuda.memcpy(back.address(), buffer, bytes, cudart.cudaMemcpyDeviceToHost, "check read-back");
                d.get(back.asByteBuffer().order(ByteOrder.nativeOrder()), 0, count);
            } finally {
                Cuda.free(buffer);
            }
        }
        stats.get(Pair.HOST_JAVA).add(j, h, mean);
        stats.get(Pair.DEVICE_HOST).add(s, h, mean);
        stats.get(Pair.DEVICE_JAVA).add(s, j, mean);
        stats.get(Pair.DIRECT_STAGED).add(s, d, mean);
        long expected = java.position();
        return host.position() == expected && staged.position() == expected && direct.position() == expected
                && expected == position + count;
    }

    /** Device fill throughput for each format next to device-to-device cudaMemcpy bandwidth. */
    private static void throughput(PrintStream out, long requestedBytes) {
        long free;
        try (SizeTPointer f = new SizeTPointer(1); SizeTPointer t = new SizeTPointer(1)) {
            Cuda.check(cudart.cudaMemGetInfo(f, t), "cudaMemGetInfo");
            free = f.get();
        }
        long bytes = Math.min(requestedBytes, free / 4) & ~63L;
        long a = Cuda.malloc(bytes);
        long b = Cuda.malloc(bytes);
        try {
            out.println("## Throughput (" + (bytes >> 20) + " MiB buffer, " + REPEATS + " repeats, best of 3 rounds)");
            out.println();
            out.println("| operation | GB/s written | vs copy |");
            out.println("| --- | ---: | ---: |");
            double copy = best(() -> {
                for (int i = 0; i < REPEATS; i++) {
                    Cuda.memcpy(b, a, bytes, cudart.cudaMemcpyDeviceToDevice, "bandwidth");
                }
                Cuda.synchronize();
            }, bytes);
            for (Format format : Format.values()) {
                long count = bytes / format.bytes();
                try (CurandGenerator g = CurandGenerator.device(new PhiloxStream(0x5EED))) {
                    double gbs = best(() -> {
                        for (int i = 0; i < REPEATS; i++) {
                            g.fillDevice(format, a, bytes, count, 0, 1);
                        }
                    }, bytes);
                    out.printf("| cuRAND device fill %s | %.1f | %.0f%% |%n", format, gbs, 100 * gbs / copy);
                }
            }
            out.printf("| cudaMemcpy device to device (bytes copied; read + write = %.1f) | %.1f | 100%% |%n",
                    2 * copy, copy);
        } finally {
            Cuda.free(a);
            Cuda.free(b);
        }
    }

    /** GB/s of {@code bytes} per repeat, best of three timed rounds after one warm-up round. */
    private static double best(Runnable round, long bytes) {
        round.run();
        double best = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            round.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, (double) bytes * REPEATS / seconds / 1e9);
        }
        return best;
    }
}
