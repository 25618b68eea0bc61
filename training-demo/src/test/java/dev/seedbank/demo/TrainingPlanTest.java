package dev.seedbank.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.nd4j.training.TrainingState;
import dev.seedbank.record.BadInputException;
import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.RunManifest;
import dev.seedbank.record.SparkRun;
import dev.seedbank.rng.registry.RootSeed;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link TrainOptions} and the decisions of {@link TrainingPlan}, without training. */
class TrainingPlanTest {
    private static final Path RUN = Path.of("runs", "half");
    private static final RootSeed CONFIGURED = new RootSeed(77, "SEEDBANK_SEED");

    @TempDir
    Path tmp;

    /** Options as {@code seedbank train} builds them: null and the defaults where not given. */
    private static final class Args {
        Long seed;
        int epochs = 6;
        int threads = 1;
        String model;
        Path resume;
        Integer hashEvery;
        int examples = TrainOptions.DEFAULT_EXAMPLES;
        String spark;
        Integer partitions;

        TrainOptions options(Path out) {
            return new TrainOptions(seed, epochs, threads, out, model, resume, hashEvery, examples, "none", spark,
                    partitions);
        }

        TrainOptions options() {
            return options(Path.of("out"));
        }
    }

    private static Args args(Consumer<Args> set) {
        Args a = new Args();
        set.accept(a);
        return a;
    }

    /** Options resuming {@link #RUN}, and {@code set}. */
    private static Args resuming(Consumer<Args> set) {
        return args(a -> {
            a.resume = RUN;
            set.accept(a);
        });
    }

    /** A checkpoint after epoch 2 of a run with root seed 5, model cnn, fingerprints every 8, 256 examples. */
    private static RunDirectory.Resume resume(SparkRun spark) {
        RunInfo info = new RunInfo("0x0000000000000005", "--seed", "seedbank-derive-v1", "cnn", 4, 2, 1, 256, 32, 8,
                null, spark);
        RunManifest manifest = new RunManifest(RunManifest.RUNNING, "seedbank test", info, "cafe", null, Map.of(),
                List.of(), Map.of(), List.of(), null, null);
        return new RunDirectory.Resume(RUN, manifest, RUN.resolve("checkpoints/epoch-2"),
                new TrainingState(5, "seedbank-derive-v1", 2, 63, "cafe"));
    }

    private static SparkRun spark(String master, int partitions) {
        return new SparkRun("3.5.9", master, partitions, Map.of("partitions", partitions));
    }

    private static TrainingPlan plan(Args a, RunDirectory.Resume resume) {
        return TrainingPlan.decide(a.options(), resume, () -> CONFIGURED);
    }

    private static void refused(String message, Executable e) {
        BadInputException x = assertThrows(BadInputException.class, e);
        assertEquals(message, x.getMessage());
    }

    @Test
    void optionsRefuseValuesOutOfRangeWithOneLineNamingTheOption() {
        refused("--epochs must be at least 1, got 0", () -> args(a -> a.epochs = 0).options());
        refused("--threads must be at least 1, got -1", () -> args(a -> a.threads = -1).options());
        refused("--hash-every must be at least 1, got 0", () -> args(a -> a.hashEvery = 0).options());
        refused("unknown model 'rnn' (expected one of: mlp, cnn)", () -> args(a -> a.model = "rnn").options());
        refused("--spark expects local, local[N], local[*] (Spark local mode) or spark://HOST:PORT (a standalone master),"
                + " got 'yarn'", () -> args(a -> a.spark = "yarn").options());
        refused("--partitions must be at least 1, got 0", () -> args(a -> {
                    a.spark = "local[2]";
                    a.partitions = 0;
                }).options());
        refused("--partitions needs --spark (a Spark master, e.g. --spark local[2])",
                () -> args(a -> a.partitions = 2).options());
        // with --resume, the resumed run may have trained on Spark: decided by the plan
        assertEquals(2, resuming(a -> a.partitions = 2).options().partitions());
    }

    @Test
    void aFreshRunTakesTheOptionsOrTheDefaults() {
        TrainingPlan p = plan(args(a -> { }), null);
        assertEquals(CONFIGURED, p.seed());
        assertEquals("mlp", p.model());
        assertEquals(TrainOptions.DEFAULT_HASH_EVERY, p.hashEvery());
        assertEquals(TrainOptions.DEFAULT_EXAMPLES, p.examples());
        assertFalse(p.onSpark());
        assertFalse(p.resuming());

        p = plan(args(a -> {
            a.seed = 9L;
            a.model = "cnn";
            a.hashEvery = 2;
            a.examples = 64;
            a.spark = "local[2]";
        }), null);
        assertEquals(new RootSeed(9, "--seed"), p.seed());
        assertEquals("cnn", p.model());
        assertEquals(2, p.hashEvery());
        assertEquals(64, p.examples());
        assertTrue(p.onSpark());
        assertEquals("local[2]", p.sparkMaster());
        assertEquals(TrainOptions.DEFAULT_PARTITIONS, p.partitions());
    }

    @Test
    void aResumedRunTakesWhatTheOptionsLeaveOpenFromTheCheckpointAndItsManifest() {
        TrainingPlan p = plan(resuming(a -> { }), resume(null));
        assertTrue(p.resuming());
        assertEquals(new RootSeed(5, "resumed run (--seed)"), p.seed());
        assertEquals("cnn", p.model());
        assertEquals(8, p.hashEvery());
        assertEquals(256, p.examples());
        assertFalse(p.onSpark());

        // a Spark run resumes on Spark with its master and partitions, unless the options name others
        p = plan(resuming(a -> { }), resume(spark("local[1]", 2)));
        assertEquals("local[1]", p.sparkMaster());
        assertEquals(2, p.partitions());
        p = plan(resuming(a -> {
            a.spark = "local[4]";
            a.partitions = 3;
            a.seed = 5L;
        }), resume(spark("local[1]", 2)));
        assertEquals("local[4]", p.sparkMaster());
        assertEquals(3, p.partitions()); // refused later by the checkpoint, which names both counts
        assertEquals(new RootSeed(5, "--seed"), p.seed());
    }

    @Test
    void aResumeThatCannotContinueTheRunIsRefused() {
        String from = "cannot resume from " + RUN + ": ";
        refused(from + "it was trained with root seed 0x0000000000000005, not 0x0000000000000006",
                () -> plan(resuming(a -> a.seed = 6L), resume(null)));
        refused(from + "its checkpoint is after epoch 2, beyond --epochs 1",
                () -> plan(resuming(a -> a.epochs = 1), resume(null)));
        refused(from + "it was trained on 256 examples, not 512",
                () -> plan(resuming(a -> a.examples = 512), resume(null)));
        refused("cannot resume from " + RUN + " with --spark: it was trained without Spark",
                () -> plan(resuming(a -> a.spark = "local[2]"), resume(null)));
        refused("--partitions needs --spark (" + RUN + " was not trained on Spark)",
                () -> plan(resuming(a -> a.partitions = 2), resume(null)));
        // the epoch of the checkpoint itself is fine: nothing left to train
        assertEquals(2, plan(resuming(a -> a.epochs = 2), resume(null)).options().epochs());
    }

    @Test
    void sparkRunsRefusePlantedListenersBeforeWritingAnything() {
        Path out = tmp.resolve("never");
        TrainingPlan p = TrainingPlan.decide(args(a -> {
            a.seed = 1L;
            a.spark = "local[2]";
        }).options(out), null, () -> CONFIGURED);
        TrainingHooks listening = new TrainingHooks() {
            @Override
            public List<TrainingListener> listeners() {
                return List.of(new BaseTrainingListener() {
                });
            }
        };
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        refused("training listeners do not work with --spark (the workers' iterations are not seen by the driver)",
                () -> TrainingRunner.run(p, listening, sink));
        assertFalse(Files.exists(out));
        assertNull(p.resume());
    }
}
