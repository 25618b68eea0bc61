package dev.seedbank.nd4j.training;

import java.io.IOException;
import java.nio.file.Path;

/** {@link SeededParallelWrapperTest}'s training in a new JVM: {@code <workers> <out file>}. */
public final class SeededParallelWrapperChild {
    private SeededParallelWrapperChild() {
    }

    public static void main(String[] args) throws IOException {
        float[] params = SeededParallelWrapperTest.train(true, Integer.parseInt(args[0]), 2);
        ResumeChild.writeParams(Path.of(args[1]), params);
    }
}
