package dev.seedbank.cli;

import dev.seedbank.nd4j.portable.PortableMode;
import dev.seedbank.record.BadInputException;

/**
 * Portable mode (the default) or the machine-specific opt-out for a command that trains, chosen before anything
 * loads ND4J. A machine or JVM portable mode cannot serve is bad input: one line naming the fix, exit 2.
 * Stateless; thread-safe.
 */
final class Portability {
    /** The command-line flag of the opt-out. */
    static final String MACHINE_SPECIFIC = "--machine-specific";

    private Portability() {
    }

    static void choose(boolean machineSpecific) {
        if (machineSpecific) {
            PortableMode.machineSpecific();
            return;
        }
        try {
            PortableMode.enable();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new BadInputException(e.getMessage() + " (or run with " + MACHINE_SPECIFIC + ")");
        }
    }
}
