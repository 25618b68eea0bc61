package dev.seedbank.cuda;

import org.bytedeco.javacpp.Pointer;

/**
 * A bare native address (host or device) as a JavaCPP {@link Pointer}: position 0, no deallocator, so
 * wrapping it in a typed pointer ({@code new FloatPointer(new Address(a))}) never frees or tracks memory.
 */
final class Address extends Pointer {
    Address(long address) {
        this.address = address;
    }
}
