package dev.seedbank.demo;

import dev.seedbank.record.BadInputException;
import dev.seedbank.record.RunDirectory;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.SparkRun;
import dev.seedbank.rng.registry.RootSeed;
import dev.seedbank.rng.stream.UnsignedLongs;
import java.util.function.Supplier;

/**
 * What {@code seedbank train} will run: a fresh run or the continuation of a checkpoint, on this JVM or on Spark,
 * with every setting the options leave open taken from the resumed run or its default. Decided, and refused with
 * one line, before anything is drawn or written. Immutable value.
 *
 * @param options what was asked
 * @param seed the root seed and where it came from
 * @param model {@code mlp} or {@code cnn}
 * @param hashEvery fingerprint parameters every this many iterations
 * @param examples training examples
 * @param sparkMaster the Spark master, or null: on this JVM without Spark
 * @param partitions the Spark partition count (unused without Spark)
 * @param resume the run directory to continue from, or null: a fresh run
 */
public record TrainingPlan(TrainOptions options, RootSeed seed, String model, int hashEvery, int examples,
        String sparkMaster, int partitions, RunDirectory.Resume resume) {

    /**
     * Opens the resumed run, if any, decides the plan and checks that Spark can run it.
     *
     * @throws BadInputException naming what cannot be done
     */
    public static TrainingPlan of(TrainOptions o) {
        if (o.spark() != null) {
            SparkMasters.requireSpark(o.spark());
        }
        RunDirectory.Resume resume = o.resume() == null ? null : RunDirectory.openForResume(o.resume());
        TrainingPlan plan = decide(o, resume, RootSeed::resolve);
        if (plan.onSpark() && o.spark() == null) {
            SparkMasters.requireSpark(plan.sparkMaster());
        }
        return plan;
    }

    /**
     * The plan for options {@code o} and the opened run {@code resume} (or null); {@code configured} gives the root
     * seed of a fresh run without {@code --seed}. Reads and writes nothing.
     */
    static TrainingPlan decide(TrainOptions o, RunDirectory.Resume resume, Supplier<RootSeed> configured) {
        RunInfo was = resume == null ? null : resume.manifest().run();
        SparkRun wasSpark = was == null ? null : was.spark();
        RootSeed seed = o.seed() != null ? new RootSeed(o.seed(), "--seed")
                : was != null ? new RootSeed(resume.state().rootSeed(), "resumed run (" + was.seedSource() + ")")
                : configured.get();
        String model = o.model() != null ? o.model() : was != null ? was.model() : "mlp";
        int hashEvery = o.hashEvery() != null ? o.hashEvery()
                : was != null ? was.hashEvery() : TrainOptions.DEFAULT_HASH_EVERY;
        int examples = was != null ? was.examples() : o.examples();
        String master = o.spark() != null ? o.spark() : wasSpark != null ? wasSpark.master() : null;
        int partitions = o.partitions() != null ? o.partitions()
                : wasSpark != null ? wasSpark.partitions() : TrainOptions.DEFAULT_PARTITIONS;
        if (master == null && o.partitions() != null) {
            throw new BadInputException("--partitions needs --spark (" + resume.dir() + " was not trained on Spark)");
        }
        if (resume != null) {
            String refused = "cannot resume from " + resume.dir() + ": ";
            if (resume.state().rootSeed() != seed.value()) {
                throw new BadInputException(refused + "it was trained with root seed "
                        + UnsignedLongs.hex(resume.state().rootSeed()) + ", not " + UnsignedLongs.hex(seed.value()));
            }
            if (resume.state().epoch() > o.epochs()) {
                throw new BadInputException(refused + "its checkpoint is after epoch " + resume.state().epoch()
                        + ", beyond --epochs " + o.epochs());
            }
            if (o.examples() != examples && o.examples() != TrainOptions.DEFAULT_EXAMPLES) {
                throw new BadInputException(refused + "it was trained on " + examples + " examples, not " + o.examples());
            }
            if (master != null && wasSpark == null) {
                throw new BadInputException("cannot resume from " + resume.dir() + " with --spark: it was trained"
                        + " without Spark");
            }
        }
        return new TrainingPlan(o, seed, model, hashEvery, examples, master, partitions, resume);
    }

    /** Whether the run trains on Spark. */
    public boolean onSpark() {
        return sparkMaster != null;
    }

    /** Whether the run continues from a checkpoint. */
    public boolean resuming() {
        return resume != null;
    }
}
