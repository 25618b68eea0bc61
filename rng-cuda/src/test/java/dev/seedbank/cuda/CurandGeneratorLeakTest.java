package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.PhiloxStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 create/fill/close cycles (every format, arrays and native buffers) with no exception, JavaCPP's tracked
 * memory back to its starting value after every close, and the process's physical memory bounded. Each cycle
 * pays the host library's cost of a new offset (10-40 ms on two cores), so 10,000 cycles take several minutes:
 * they run when the live library is required (CI: SEEDBANK_REQUIRE_CURAND=1); otherwise 1,000 cycles.
 * {@code -Dseedbank.cuda.leakCycles=N} sets the number.
 */
class CurandGeneratorLeakTest {
    private static final int CYCLES = Integer.getInteger("seedbank.cuda.leakCycles",
            LiveCurand.required() ? 10_000 : 1_000);

    @BeforeAll
    static void library() {
        LiveCurand.require();
    }

    @Test
    void createFillCloseCyclesDoNotLeak() {
        ByteBuffer direct = ByteBuffer.allocateDirect(8 * 64).order(ByteOrder.nativeOrder());
        long tracked = Pointer.totalBytes();
        int warmup = Math.min(500, CYCLES / 4);
        long physicalAfterWarmup = 0;
        long maxPhysical = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            if (i == warmup) {
                System.gc();
                physicalAfterWarmup = Pointer.physicalBytes();
            }
            Format format = Format.values()[i % 5];
            PhiloxStream stream = new PhiloxStream(i, (long) i * 7);
            try (CurandGenerator g = CurandGenerator.host(stream)) {
                int n = 1 + i % 61;
                switch (i % 3) {
                    case 0 -> g.fill(format, direct, n);
                    case 1 -> g.fillWords(new int[n], 0, n);
                    default -> g.fillNormalDouble(new double[n], 0, n, 0, 1);
                }
                assertEquals((long) i * 7 + n, stream.position());
            }
            assertEquals(tracked, Pointer.totalBytes(), "JavaCPP memory tracked after close, cycle " + i);
            if (i % 100 == 0) {
                maxPhysical = Math.max(maxPhysical, Pointer.physicalBytes());
            }
        }
        System.gc();
        long end = Pointer.physicalBytes();
        System.out.printf("%d cycles in %.1f s; Pointer.totalBytes %d -> %d; physical after warm-up %d MiB,"
                + " max %d MiB, end %d MiB%n", CYCLES, (System.nanoTime() - t0) / 1e9, tracked, Pointer.totalBytes(),
                physicalAfterWarmup >> 20, maxPhysical >> 20, end >> 20);
        assertTrue(end - physicalAfterWarmup < 64L << 20,
                "physical memory grew by " + ((end - physicalAfterWarmup) >> 20) + " MiB over " + CYCLES + " cycles");
    }
}
