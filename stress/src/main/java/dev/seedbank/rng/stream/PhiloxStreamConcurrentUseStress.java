package dev.seedbank.rng.stream;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ConcurrentModificationException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads draw {@code nextLong()} from one {@link PhiloxStream} at once, with
 * {@code seedbank.checkConcurrentUse=true}. The documented contract: every draw checks that no other thread
 * is inside the stream and throws {@link ConcurrentModificationException} if one is. So either the draws did
 * not overlap (both complete, with the stream's values at positions 0 and 2, i.e. distinct, and the stream
 * ends at position 4), or one thread found the other inside and threw (the other completes with the value
 * at position 0; position 2). A duplicated or lost value without an exception is forbidden. (Without the
 * check the stream is documented as not thread-safe, and duplicates are possible: not tested.)
 *
 * <p>Per actor: 0 or 1 = got the value at position 0 or 2; 9 = {@code ConcurrentModificationException};
 * -1 = another value; -2 = another exception; -9 = the check was off in this JVM (a setup error).
 * The third number is the stream's final position.
 *
 * <p>In package {@code dev.seedbank.rng.stream} to read {@code PhiloxStream.CHECK_CONCURRENT_USE}. The flag is
 * read once, when {@code PhiloxStream} is initialised: this class sets the property first (jcstress runs each
 * test in its own JVM), and reports -9 if the stream class had been initialised before without it.
 */
@JCStressTest
@Outcome(id = {"0, 1, 4", "1, 0, 4"}, expect = ACCEPTABLE, desc = "draws did not overlap: both completed, distinct values")
@Outcome(id = {"0, 9, 2", "9, 0, 2"}, expect = ACCEPTABLE_INTERESTING,
        desc = "draws overlapped: the second thread got ConcurrentModificationException, the first its value")
@Outcome(expect = FORBIDDEN, desc = "duplicated or lost value, both threads rejected, another failure, or the check was off")
@State
public class PhiloxStreamConcurrentUseStress {
    static {
        System.setProperty("seedbank.checkConcurrentUse", "true");
    }

    static final long KEY = 0x0123_4567_89AB_CDEFL;
    static final long VALUE0;
    static final long VALUE1;

    static {
        PhiloxStream reference = new PhiloxStream(KEY);
        VALUE0 = reference.nextLong();
        VALUE1 = reference.nextLong();
    }

    private final PhiloxStream stream = new PhiloxStream(KEY);

    private int draw() {
        if (!PhiloxStream.CHECK_CONCURRENT_USE) {
            return -9;
        }
        try {
            long v = stream.nextLong();
            return v == VALUE0 ? 0 : v == VALUE1 ? 1 : -1;
        } catch (ConcurrentModificationException e) {
            return 9;
        } catch (RuntimeException e) {
            return -2;
        }
    }

    @Actor
    public void actor1(III_Result r) {
        r.r1 = draw();
    }

    @Actor
    public void actor2(III_Result r) {
        r.r2 = draw();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = (int) stream.position();
    }
}
