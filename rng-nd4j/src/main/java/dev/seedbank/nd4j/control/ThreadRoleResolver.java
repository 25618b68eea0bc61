package dev.seedbank.nd4j.control;

/**
 * Names the role a thread plays, for {@link Nd4jSeeding}: threads with the same role share a counter,
 * and the {@code n}-th generator created for the role (from 0, counting since installation) is seeded from
 * stream {@code nd4j/threads/<role>/<n>}. Must be a pure function of what the program controls (a thread
 * name, a thread-local set by the program), never of scheduling or the clock. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ThreadRoleResolver {

    /** The default: the thread's name, as it is when the thread first uses its ND4J generator. */
    ThreadRoleResolver THREAD_NAME = Thread::getName;

    /**
     * Thread name with every run of decimal digits replaced by {@code #} ({@code pool-3-thread-7} becomes
     * {@code pool-#-thread-#}): identities that do not depend on JVM-wide thread or pool counters, at the
     * price of numbering same-role threads by the order in which they first use ND4J randomness.
     */
    ThreadRoleResolver NAME_WITHOUT_NUMBERS = t -> t.getName().replaceAll("[0-9]+", "#");

    /** The role of {@code thread} (non-empty). */
    String role(Thread thread);
}
