package dev.seedbank.nd4j.portable;

import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads which OpenBLAS kernel table is in force, from the library itself: OpenBLAS's DYNAMIC_ARCH build (the one
 * JavaCPP's {@code org.bytedeco:openblas} preset ships) exports its kernel tables ({@code gotoblas_HASWELL},
 * {@code gotoblas_SKYLAKEX}, ...) and the pointer {@code gotoblas} to the table it chose when it loaded (from the
 * CPU, or from {@code OPENBLAS_CORETYPE}). Comparing that pointer with the tables' addresses names the kernel
 * actually used, with no call into OpenBLAS ({@code openblas_get_corename} has no Java binding in the preset).
 *
 * <p>Stateless; thread-safe.
 */
final class OpenBlasKernel {
    /** Table names of OpenBLAS 0.3.19's x86-64 DYNAMIC_ARCH build, as its symbols spell them. */
    static final List<String> TABLES = List.of("SKYLAKEX", "COOPERLAKE", "HASWELL", "ZEN", "SANDYBRIDGE", "NEHALEM",
            "CORE2", "PRESCOTT", "BARCELONA", "BULLDOZER", "PILEDRIVER", "STEAMROLLER", "EXCAVATOR", "ATHLON",
            "KATMAI", "COPPERMINE", "NORTHWOOD", "BANIAS", "DUNNINGTON", "PENRYN", "OPTERON", "OPTERON_SSE3");

    /** What {@link #current()} returns when no OpenBLAS is loaded in this process. */
    static final String NOT_LOADED = "not-loaded";
    /** What {@link #current()} returns when {@code gotoblas} points at none of the known tables. */
    static final String UNKNOWN = "unknown";

    private OpenBlasKernel() {
    }

    /** Whether an OpenBLAS library (its {@code gotoblas} symbol) is loaded in this process. */
    static boolean loaded() {
        return symbol("gotoblas") != null;
    }

    /**
     * The kernel table OpenBLAS chose, upper case as in its symbols ({@code HASWELL}), {@link #NOT_LOADED} or
     * {@link #UNKNOWN}.
     */
    static String current() {
        Pointer slot = symbol("gotoblas");
        if (slot == null) {
            return NOT_LOADED;
        }
        long table = new PointerPointer<Pointer>(slot).get(0).address();
        for (String name : TABLES) {
            Pointer t = symbol("gotoblas_" + name);
            if (t != null && t.address() == table) {
                return name;
            }
        }
        return UNKNOWN;
    }

    private static Pointer symbol(String name) {
        Pointer p = Loader.addressof(name);
        return p == null || p.isNull() ? null : p;
    }
}
