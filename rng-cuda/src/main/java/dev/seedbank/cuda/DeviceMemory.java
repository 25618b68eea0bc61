package dev.seedbank.cuda;

import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;

/** Device memory for the device-API generator: device scratch (cudaMalloc) and a host staging buffer. */
final class DeviceMemory implements GeneratorMemory {
    private long scratch;
    private long scratchBytes;
    private BytePointer host;

    @Override
    public long scratch(long bytes) {
        if (scratch == 0 || scratchBytes < bytes) {
            Cuda.free(scratch);
            scratch = 0;
            scratch = Cuda.malloc(bytes);
            scratchBytes = bytes;
        }
        return scratch;
    }

    @Override
    public long toHost(long src, long bytes) {
        if (host == null || host.capacity() < bytes) {
            if (host != null) {
                host.close();
            }
            host = new BytePointer(Math.max(bytes, scratchBytes));
        }
        copyToHost(host.address(), src, bytes);
        return host.address();
    }

    @Override
    public void copyToHost(long hostDst, long src, long bytes) {
        Cuda.memcpy(hostDst, src, bytes, cudart.cudaMemcpyDeviceToHost, "device to host");
    }

    @Override
    public void copyWithin(long dst, long src, long bytes) {
        Cuda.memcpy(dst, src, bytes, cudart.cudaMemcpyDeviceToDevice, "device to device");
    }

    @Override
    public void synchronize() {
        Cuda.synchronize();
    }

    @Override
    public void close() {
        long s = scratch;
        scratch = 0;
        scratchBytes = 0;
        if (host != null) {
            host.close();
            host = null;
        }
        Cuda.free(s);
    }
}
