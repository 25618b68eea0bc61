package dev.seedbank.cli;

import dev.seedbank.demo.TrainOptions;
import dev.seedbank.demo.TrainingHooks;
import dev.seedbank.demo.TrainingPlan;
import dev.seedbank.demo.TrainingRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedbank train}: options ({@link TrainOptions}), then the plan ({@link TrainingPlan}), then the run
 * ({@link TrainingRunner}). Thin on purpose: picocli instantiates every command, so command classes hold plain
 * values only and ND4J loads when the job runs. Not thread-safe (picocli fills the fields).
 */
@Command(name = "train", description = "Train the demo network reproducibly; write DIR/manifest.json and checkpoints.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--seed", converter = UnsignedConverter.class,
            description = "Root seed, decimal or 0x-hex (default: the resumed run's, else seedbank.seed / SEEDBANK_SEED,"
                    + " else generated and logged).")
    private Long seed;

    @Option(names = "--epochs", defaultValue = "6", description = "Total epochs (default ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--threads", defaultValue = "1", description = "Data augmentation threads (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--out", required = true, description = "Run directory to write.")
    private Path out;

    @Option(names = "--model", description = "mlp or cnn (default: the resumed run's, else mlp).")
    private String model;

    @Option(names = "--resume", description = "Continue from the latest checkpoint of this run directory.")
    private Path resume;

    @Option(names = "--hash-every", description = "Fingerprint parameters every K iterations (default 4).")
    private Integer hashEvery;

    @Option(names = "--progress", defaultValue = "auto",
            description = "auto (a bar on a terminal, else lines), bar, plain, machine or none.")
    private String progress;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train on Spark local mode in this JVM (local, local[N] or local[*]) with SeededTrainingMaster:"
                    + " synchronous parameter averaging; results do not depend on N (default: the resumed run's, else no"
                    + " Spark).")
    private String spark;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Spark partitions (workers averaged per round; part of the result). Needs --spark (default:"
                    + " the resumed run's, else 4).")
    private Integer partitions;

    @Option(names = "--examples", defaultValue = "1024", hidden = true)
    private int examples;

    @Option(names = "--machine-specific", description = "Use this machine's fastest BLAS kernels, native build and thread"
            + " counts instead of portable mode (results then differ between machine types; docs/portable.md).")
    private boolean machineSpecific;

    /** Changes tests plant in the run, or null: none (the command line). */
    private final TrainingHooks hooks;

    TrainCommand() {
        this(null);
    }

    /** A train command whose runs get {@code hooks} (tests). */
    TrainCommand(TrainingHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public Integer call() throws Exception {
        Portability.choose(machineSpecific);
        TrainOptions options = new TrainOptions(seed, epochs, threads, out, model, resume, hashEvery, examples, progress,
                spark, partitions);
        TrainingRunner.run(TrainingPlan.of(options), hooks == null ? TrainingHooks.NONE : hooks, System.out);
        return 0;
    }
}
