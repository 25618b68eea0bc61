package dev.seedbank.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/** Host memory for the host-API generator: scratch from JavaCPP's allocator (counted by Pointer.totalBytes()). */
final class HostMemory implements GeneratorMemory {
    private BytePointer scratch;

    @Override
    public long scratch(long bytes) {
        if (scratch == null || scratch.capacity() < bytes) {
            close();
            scratch = new BytePointer(bytes);
        }
        return scratch.address();
    }

    @Override
    public long toHost(long src, long bytes) {
        return src;
    }

    @Override
    public void copyToHost(long hostDst, long src, long bytes) {
        Pointer.memcpy(new Address(hostDst), new Address(src), bytes);
    }

    @Override
    public void copyWithin(long dst, long src, long bytes) {
        Pointer.memcpy(new Address(dst), new Address(src), bytes);
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
    }
}
