package dev.seedbank.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.PhiloxStream;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input: one clear one-line exception naming what is wrong, and the stream left where it was. */
class CurandGeneratorErrorsTest {
    @BeforeAll
    static void library() {
        LiveCurand.require();
    }

    private static <T extends Throwable> String oneLine(Class<T> type, Executable call, String... mentions) {
        String message = assertThrows(type, call).getMessage();
        System.out.println(type.getSimpleName() + ": " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        for (String m : mentions) {
            assertTrue(message.contains(m), "'" + message + "' should mention '" + m + "'");
        }
        return message;
    }

    @Test
    void closedGenerator() {
        PhiloxStream s = new PhiloxStream(3, 10);
        CurandGenerator g = CurandGenerator.host(s);
        g.close();
        g.close(); // idempotent
        oneLine(IllegalStateException.class, () -> g.fillWords(new int[4], 0, 4), "closed");
        oneLine(IllegalStateException.class, () -> g.fillNormalDouble(new double[4], 0, 4, 0, 1), "closed");
        try (FloatPointer p = new FloatPointer(4)) {
            oneLine(IllegalStateException.class, () -> g.fill(Format.UNIFORM, p, 4), "closed");
        }
        assertEquals(10, s.position());
        assertTrue(g.toString().contains("closed"));
    }

    @Test
    void fillLargerThanTheDestination() {
        PhiloxStream s = new PhiloxStream(3, 10);
        try (CurandGenerator g = CurandGenerator.host(s); IntPointer p = new IntPointer(8)) {
            oneLine(IllegalArgumentException.class, () -> g.fillWords(new int[4], 0, 5), "[0, 5)", "length 4");
            oneLine(IllegalArgumentException.class, () -> g.fillUniform(new float[4], 2, 5), "larger");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.U32, p, 9), "36 bytes", "32 bytes");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.U32, p.position(6), 3), "12 bytes", "8 bytes");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.UNIFORM_DOUBLE, new IntPointer(3), 2),
                    "16 bytes", "12 bytes");
            ByteBuffer b = ByteBuffer.allocateDirect(40);
            b.position(8);
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.NORMAL_DOUBLE, b, 5), "40 bytes", "32 bytes");
            assertEquals(10, s.position(), "a rejected fill does not advance the stream");
        }
    }

    @Test
    void negativeCount() {
        PhiloxStream s = new PhiloxStream(3, 10);
        try (CurandGenerator g = CurandGenerator.host(s); IntPointer p = new IntPointer(8)) {
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.U32, p, -1), "negative count -1");
            oneLine(IllegalArgumentException.class, () -> g.fillWords(new int[4], 3, 1), "negative count -2");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.NORMAL, ByteBuffer.allocateDirect(8), -4),
                    "negative count -4");
            assertEquals(10, s.position());
        }
    }

    @Test
    void otherBadArguments() {
        PhiloxStream s = new PhiloxStream(3, 10);
        try (CurandGenerator g = CurandGenerator.host(s)) {
            oneLine(IllegalArgumentException.class, () -> g.fillWords(null, 0, 0), "null");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.U32, (IntPointer) null, 1), "null");
            oneLine(IllegalArgumentException.class, () -> g.fill(null, new IntPointer(1), 1), "format");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.U32, ByteBuffer.allocate(16), 4), "direct");
            oneLine(IllegalArgumentException.class, () -> g.fill(Format.UNIFORM, new FloatPointer(4), 4, 1, 2),
                    "normal formats");
            oneLine(IllegalStateException.class, () -> g.fillDevice(Format.UNIFORM, new FloatPointer(4), 4),
                    "host-API", "device memory");
            assertEquals(10, s.position());
            g.fillWords(new int[0], 0, 0);
            assertEquals(10, s.position(), "an empty fill does not move the stream");
        }
    }

    @Test
    void deviceApiWithoutAGpuIsOneLine() {
        assumeTrue(CurandLibrary.probeGpus().count() == 0, "this machine has a GPU");
        String m = oneLine(CurandUnavailableException.class, () -> CurandGenerator.device(new PhiloxStream(1)),
                "no usable NVIDIA GPU", "cudaGetDeviceCount");
        assertTrue(m.contains("CurandApi.HOST"), m);
    }
}
