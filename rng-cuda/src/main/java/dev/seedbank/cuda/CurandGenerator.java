package dev.seedbank.cuda;

import dev.seedbank.rng.stream.Format;
import dev.seedbank.rng.stream.PhiloxStream;
import dev.seedbank.rng.stream.UnsignedLongs;
import dev.seedbank.rng.stream.ValueArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.bytedeco.cuda.curand.curandGenerator_st;
import org.bytedeco.cuda.global.curand;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A cuRAND Philox4_32_10 generator bound to a Seedbank {@link PhiloxStream}: seed = the stream's key,
 * offset = the stream's position. Each fill of {@code n} values writes exactly what the stream's Java fill
 * of that format writes (docs/stream-spec.md) and advances the stream by {@code n}, as the Java fill does:
 * the origin comes from {@link PhiloxStream#reserve(long)} and the generator's seed and offset are set to
 * (key, origin) before every fill (setting a seed does not reset cuRAND's offset, so both are always set).
 *
 * <p>The {@link CurandApi#HOST host API} runs on the CPU with no GPU and writes host memory; the
 * {@link CurandApi#DEVICE device API} runs on the current CUDA device, writes device memory directly
 * ({@link #fillDevice}) and host memory through a device scratch buffer. {@link #open(PhiloxStream)} picks
 * the device API when a GPU is present.
 *
 * <p>cuRAND bug worked around (docs/curand-notes.md): on the first call after setting an offset that is a
 * nonzero multiple of 4, the library leaves the last {@code count % 4} values unwritten. Every library call
 * here asks for a multiple of 4 values; a fill whose count is not one generates its last up-to-3 values as
 * a continuation call of 4 into scratch and copies them, so results never have that gap.
 *
 * <p>Normals: cuRAND's host library uses glibc's {@code logf}/{@code sincosf}/{@code log}/{@code sincos},
 * the Java fills use {@code StrictMath}; a few percent of normal values differ by at most 3 ulp
 * (measured bounds in docs/stream-spec.md). The other formats are bit-exact.
 *
 * <p>Not thread-safe (nor is the stream). {@link #close()} frees the cuRAND handle and scratch memory
 * deterministically; a closed generator refuses fills with an {@link IllegalStateException}.
 *
 * <p>Why one large class: the public fills are typed overloads (Java arrays, {@link ValueArray}, host pointers,
 * buffers, device memory) of one path (argument checks, the multiple-of-4 workaround, host or device staging)
 * that must all share the one cuRAND handle, scratch memory and stream.
 */
public final class CurandGenerator implements AutoCloseable {
    /** Scratch used for staged fills (Java arrays; host memory from the device API): 1 MiB. */
    static final long STAGE_BYTES = 1 << 20;

    private final PhiloxStream stream;
    private final CurandApi api;
    private final GeneratorMemory memory;
    private curandGenerator_st handle;

    private CurandGenerator(PhiloxStream stream, CurandApi api) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.api = api;
        CurandLibrary.load();
        if (api == CurandApi.DEVICE) {
            CurandLibrary.requireGpu();
        }
        curandGenerator_st h = new curandGenerator_st();
        int status = api == CurandApi.HOST
                ? curand.curandCreateGeneratorHost(h, curand.CURAND_RNG_PSEUDO_PHILOX4_32_10)
                : curand.curandCreateGenerator(h, curand.CURAND_RNG_PSEUDO_PHILOX4_32_10);
        CurandStatus.check(status, api == CurandApi.HOST ? "curandCreateGeneratorHost" : "curandCreateGenerator");
        this.handle = h;
        this.memory = api == CurandApi.HOST ? new HostMemory() : new DeviceMemory();
    }

    /**
     * A generator bound to {@code stream}: the device API when a GPU is present, else the host API.
     *
     * @throws CurandUnavailableException when cuRAND or the CUDA runtime is missing (one line)
     */
    public static CurandGenerator open(PhiloxStream stream) {
        CurandLibrary.load();
        return new CurandGenerator(stream, CurandLibrary.probeGpus().count() > 0 ? CurandApi.DEVICE : CurandApi.HOST);
    }

    /** A host-API generator (CPU, no GPU needed) bound to {@code stream}. */
    public static CurandGenerator host(PhiloxStream stream) {
        return new CurandGenerator(stream, CurandApi.HOST);
    }

    /**
     * A device-API generator bound to {@code stream}, on the current CUDA device.
     *
     * @throws CurandUnavailableException when there is no GPU or driver (one line)
     */
    public static CurandGenerator device(PhiloxStream stream) {
        return new CurandGenerator(stream, CurandApi.DEVICE);
    }

    /** Which API this generator uses. */
    public CurandApi api() {
        return api;
    }

    /** The stream this generator reads and advances. */
    public PhiloxStream stream() {
        return stream;
    }

    /** Fills {@code dst[from, to)} with 32-bit words ({@code curandGenerate}) and advances the stream. */
    public void fillWords(int[] dst, int from, int to) {
        checkRange(dst == null ? -1 : dst.length, from, to, "int[]");
        fillStaged(Format.U32, to - from, 0, 1,
                (src, done, len) -> new IntPointer(new Address(src)).get(dst, from + done, len));
    }

    /** Fills {@code dst[from, to)} with uniforms in (0, 1] ({@code curandGenerateUniform}) and advances. */
    public void fillUniform(float[] dst, int from, int to) {
        checkRange(dst == null ? -1 : dst.length, from, to, "float[]");
        fillStaged(Format.UNIFORM, to - from, 0, 1,
                (src, done, len) -> new FloatPointer(new Address(src)).get(dst, from + done, len));
    }

    /** Fills {@code dst[from, to)} with uniforms in (0, 1] ({@code curandGenerateUniformDouble}) and advances. */
    public void fillUniformDouble(double[] dst, int from, int to) {
        checkRange(dst == null ? -1 : dst.length, from, to, "double[]");
        fillStaged(Format.UNIFORM_DOUBLE, to - from, 0, 1,
                (src, done, len) -> new DoublePointer(new Address(src)).get(dst, from + done, len));
    }

    /** Fills {@code dst[from, to)} with normals ({@code curandGenerateNormal}) and advances. */
    public void fillNormal(float[] dst, int from, int to, float mean, float stddev) {
        checkRange(dst == null ? -1 : dst.length, from, to, "float[]");
        fillStaged(Format.NORMAL, to - from, mean, stddev,
                (src, done, len) -> new FloatPointer(new Address(src)).get(dst, from + done, len));
    }

    /** Fills {@code dst[from, to)} with normals ({@code curandGenerateNormalDouble}) and advances. */
    public void fillNormalDouble(double[] dst, int from, int to, double mean, double stddev) {
        checkRange(dst == null ? -1 : dst.length, from, to, "double[]");
        fillStaged(Format.NORMAL_DOUBLE, to - from, mean, stddev,
                (src, done, len) -> new DoublePointer(new Address(src)).get(dst, from + done, len));
    }

    /**
     * Fills {@code dst} with values of its format ({@code mean} and {@code stddev} apply to the normal formats) and
     * advances the stream, as {@link ValueArray#fill(PhiloxStream, double, double)} does in Java.
     */
    public void fill(ValueArray dst, double mean, double stddev) {
        if (dst == null) {
            throw new IllegalArgumentException("destination ValueArray is null");
        }
        int size = dst.format().bytes();
        fillStaged(dst.format(), dst.length(), mean, stddev, (src, done, len) -> dst.get(
                new BytePointer(new Address(src)).capacity((long) len * size).asByteBuffer()
                        .order(ByteOrder.nativeOrder()), done, len));
    }

    /** {@link #fill(Format, Pointer, long, double, double)} with mean 0 and standard deviation 1. */
    public void fill(Format format, Pointer hostDst, long count) {
        fill(format, hostDst, count, 0, 1);
    }

    /**
     * Writes {@code count} values of {@code format} to host memory at {@code hostDst}'s position and advances.
     * {@code mean} and {@code stddev} apply to the normal formats (as float for {@code normal}); other formats
     * need (0, 1).
     *
     * @throws IllegalArgumentException when {@code count} is negative or the values do not fit between the
     *     pointer's position and its limit
     */
    public void fill(Format format, Pointer hostDst, long count, double mean, double stddev) {
        long address = start(hostDst, format, count, "destination Pointer");
        fillHost(format, address, count, mean, stddev);
    }

    /** {@link #fill(Format, ByteBuffer, long, double, double)} with mean 0 and standard deviation 1. */
    public void fill(Format format, ByteBuffer dst, long count) {
        fill(format, dst, count, 0, 1);
    }

    /**
     * Writes {@code count} values of {@code format} into a direct buffer from its position (in native byte
     * order; the buffer's position is not moved) and advances the stream.
     *
     * @throws IllegalArgumentException for a heap buffer, a negative count, or values that do not fit in
     *     the buffer's remaining bytes
     */
    public void fill(Format format, ByteBuffer dst, long count, double mean, double stddev) {
        if (dst != null && !dst.isDirect()) {
            throw new IllegalArgumentException("cuRAND writes native memory: the ByteBuffer must be direct"
                    + " (ByteBuffer.allocateDirect), or fill a Java array");
        }
        long address = start(dst == null ? null : new BytePointer(dst), format, count, "destination ByteBuffer");
        fillHost(format, address, count, mean, stddev);
    }

    /** {@link #fillDevice(Format, Pointer, long, double, double)} with mean 0 and standard deviation 1. */
    public void fillDevice(Format format, Pointer deviceDst, long count) {
        fillDevice(format, deviceDst, count, 0, 1);
    }

    /**
     * Writes {@code count} values of {@code format} to device memory at {@code deviceDst}'s position (its limit
     * bounds the fill) and advances the stream; returns when the values are written. Device API only.
     */
    public void fillDevice(Format format, Pointer deviceDst, long count, double mean, double stddev) {
        long address = start(deviceDst, format, count, "destination device Pointer");
        fillDevice(format, address, Long.MAX_VALUE, count, mean, stddev);
    }

    /**
     * As {@link #fillDevice(Format, Pointer, long, double, double)} for a raw device address (e.g. an ND4J
     * CUDA buffer's) with {@code capacityBytes} bytes available.
     */
    public void fillDevice(Format format, long deviceAddress, long capacityBytes, long count, double mean,
            double stddev) {
        checkOpen();
        checkCount(format, count);
        checkMoments(format, mean, stddev);
        if (api != CurandApi.DEVICE) {
            throw new IllegalStateException("a host-API cuRAND generator cannot write device memory;"
                    + " use CurandGenerator.device(stream) or fill host memory");
        }
        if (deviceAddress == 0) {
            throw new IllegalArgumentException("destination device address is null");
        }
        checkFits(format, count, capacityBytes, "destination device memory");
        run(count, () -> {
            fillDirect(format, deviceAddress, count, mean, stddev);
            memory.synchronize();
        });
    }

    /** Frees the cuRAND generator and scratch memory; idempotent. */
    @Override
    public void close() {
        curandGenerator_st h = handle;
        if (h == null) {
            return;
        }
        handle = null;
        try {
            memory.close();
        } finally {
            CurandStatus.check(curand.curandDestroyGenerator(h), "curandDestroyGenerator");
        }
    }

    @Override
    public String toString() {
        return "CurandGenerator[" + api + ", " + stream + (handle == null ? ", closed]" : "]");
    }

    /** Checks state and arguments of a fill to a host or device Pointer and returns its start address. */
    private long start(Pointer dst, Format format, long count, String what) {
        checkOpen();
        checkCount(format, count);
        if (dst == null || dst.isNull()) {
            throw new IllegalArgumentException(what + " is null");
        }
        long room = Math.max(0, dst.limit() - dst.position()) * dst.sizeof();
        checkFits(format, count, room, what + " (limit " + dst.limit() + ", position " + dst.position() + ")");
        return dst.address() + dst.position() * dst.sizeof();
    }

    private void fillHost(Format format, long address, long count, double mean, double stddev) {
        checkMoments(format, mean, stddev);
        if (api == CurandApi.HOST) {
            run(count, () -> fillDirect(format, address, count, mean, stddev));
        } else {
            int size = format.bytes();
            fillStaged(format, count, mean, stddev, (src, done, len) ->
                    memory.copyToHost(address + (long) done * size, src, (long) len * size));
        }
    }

    /** Receives a chunk of generated values at {@code src} in generator memory: values [done, done + len). */
    @FunctionalInterface
    private interface Chunk {
        void accept(long src, int done, int len);
    }

    /** Generates in chunks of at most {@link #STAGE_BYTES} into scratch and hands each chunk to {@code sink}. */
    private void fillStaged(Format format, long count, double mean, double stddev, Chunk sink) {
        checkOpen();
        checkCount(format, count);
        checkMoments(format, mean, stddev);
        int size = format.bytes();
        long chunk = Math.min(STAGE_BYTES / size, roundUp4(count));
        run(count, () -> {
            long scratch = memory.scratch(chunk * size);
            for (long done = 0; done < count; ) {
                int len = (int) Math.min(chunk, count - done);
                // a multiple of 4 (the first call after a new offset must be one); the extra values are not used
                generate(format, scratch, roundUp4(len), mean, stddev);
                sink.accept(api == CurandApi.HOST ? scratch : memory.toHost(scratch, (long) len * size),
                        (int) done, len);
                done += len;
            }
        });
    }

    /** Generates straight into generator memory at {@code address}; the last count % 4 values via scratch. */
    private void fillDirect(Format format, long address, long count, double mean, double stddev) {
        int size = format.bytes();
        long whole = count & ~3L;
        int rest = (int) (count & 3);
        if (whole > 0) {
            generate(format, address, whole, mean, stddev);
        }
        if (rest > 0) {
            long scratch = memory.scratch(4L * size);
            generate(format, scratch, 4, mean, stddev);
            memory.copyWithin(address + whole * size, scratch, (long) rest * size);
        }
    }

    /** Reserves {@code count} values of the stream, seeks to their origin and runs the fill; undoes on failure. */
    private void run(long count, Runnable fill) {
        if (count == 0) {
            return;
        }
        long origin = stream.reserve(count);
        try {
            CurandStatus.check(curand.curandSetPseudoRandomGeneratorSeed(handle, stream.key()),
                    "curandSetPseudoRandomGeneratorSeed");
            CurandStatus.check(curand.curandSetGeneratorOffset(handle, origin), "curandSetGeneratorOffset");
            fill.run();
        } catch (RuntimeException | Error e) {
            stream.position(origin);
            throw e;
        }
    }

    /** The one place that maps a format to its cuRAND call (rng-core knows nothing of cuRAND). */
    private void generate(Format format, long address, long count, double mean, double stddev) {
        Address at = new Address(address);
        int status = switch (format) {
            case U32 -> curand.curandGenerate(handle, new IntPointer(at), count);
            case UNIFORM -> curand.curandGenerateUniform(handle, new FloatPointer(at), count);
            case UNIFORM_DOUBLE -> curand.curandGenerateUniformDouble(handle, new DoublePointer(at), count);
            case NORMAL -> curand.curandGenerateNormal(handle, new FloatPointer(at), count, (float) mean,
                    (float) stddev);
            case NORMAL_DOUBLE -> curand.curandGenerateNormalDouble(handle, new DoublePointer(at), count, mean,
                    stddev);
        };
        CurandStatus.check(status, "generate of " + count + " " + format + " values");
    }

    private static long roundUp4(long n) {
        return (n + 3) & ~3L;
    }

    private void checkOpen() {
        if (handle == null) {
            throw new IllegalStateException("CurandGenerator is closed (stream " + UnsignedLongs.hex(stream.key())
                    + "); create a new one");
        }
    }

    private static void checkCount(Format format, long count) {
        if (format == null) {
            throw new IllegalArgumentException("format is null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count + " for a " + format + " fill");
        }
        if (count > Long.MAX_VALUE / 8) {
            throw new IllegalArgumentException("count " + count + " too large for a " + format + " fill");
        }
    }

    private static void checkMoments(Format format, double mean, double stddev) {
        if (!format.isNormal() && (mean != 0 || stddev != 1)) {
            throw new IllegalArgumentException("mean " + mean + " and stddev " + stddev + " apply to normal formats,"
                    + " not " + format + " (pass 0 and 1)");
        }
    }

    private static void checkFits(Format format, long count, long roomBytes, String what) {
        long need = count * format.bytes();
        if (need > roomBytes) {
            throw new IllegalArgumentException("fill of " + count + " " + format + " values (" + need
                    + " bytes) is larger than the " + what + ": " + roomBytes + " bytes");
        }
    }

    private static void checkRange(int length, int from, int to, String type) {
        if (length < 0) {
            throw new IllegalArgumentException("destination " + type + " is null");
        }
        if (from < 0 || to < from || to > length) {
            String problem = to < from ? "negative count " + (to - from) : "larger than the destination";
            throw new IllegalArgumentException("fill range [" + from + ", " + to + ") of " + type + " of length "
                    + length + ": " + problem);
        }
    }
}
