package dev.seedbank.spark;

import dev.seedbank.rng.registry.SeedRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.deeplearning4j.core.loader.DataSetLoader;
import org.deeplearning4j.core.loader.MultiDataSetLoader;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.api.TrainingResult;
import org.deeplearning4j.spark.api.TrainingWorker;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.dataformat.yaml.YAMLFactory;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

/**
 * Synchronous parameter averaging whose result depends only on the root seed, the data (its elements and
 * their order in the input RDD), the network and the settings below: not on the number of executors or
 * executor threads, the task scheduling order, or retries. Use it like DL4J's
 * {@code ParameterAveragingTrainingMaster}:
 *
 * <pre>{@code
 * SeededTrainingMaster master = SeededTrainingMaster.builder(SparkSeeds.of(42), 4)
 *         .batchSizePerWorker(16).averagingFrequency(5).build();
 * MultiLayerNetwork net = new MultiLayerNetwork(SeededInit.apply(conf, SeedRegistry.of(42))); // seeded init on the driver
 * net.init();
 * SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);
 * spark.fit(data); // one epoch
 * }</pre>
 *
 * <h2>One epoch ({@code fit} call)</h2>
 * The elements are numbered in input order (one counting job) and placed by {@link EpochPlan} (a permutation keyed by the epoch; averaging rounds of
 * {@code partitions * perWorker} examples, {@code perWorker = batchSizePerWorker * averagingFrequency /
 * examplesPerDataSet}), shuffled once (round {@code r}, partition {@code p} into shuffle partition
 * {@code r * partitions + p}), and trained round by round, each round reading only its own shuffle
 * partitions: the driver broadcasts the parameters (and updater state), each partition fits its examples of the round in
 * position order in minibatches of {@code batchSizePerWorker} examples ({@code PartitionTrainer}) with its own streams
 * ({@link PartitionTrainer}, {@link SparkStreams}), and the driver averages what comes back in partition
 * order (floating-point sums in a fixed order; DL4J's tree aggregation adds in task completion order).
 * The driver's iteration counter then advances by the largest number of minibatches a partition fitted.
 *
 * <h2>What the partition count changes</h2>
 * The partition count is part of the experiment, like the batch size: it decides which examples each worker
 * sees in each round, how many parameter vectors are averaged, the worker streams (keyed by partition), and
 * the number of rounds per epoch. Changing it changes the result; resuming with another partition count is
 * refused ({@link SparkCheckpoint}). The executor count, executor threads and scheduling do not enter.
 *
 * <h2>Limits</h2>
 * Input elements are {@link DataSet}s of {@code examplesPerDataSet} examples; the input RDD's order must be
 * repeatable (e.g. {@code parallelize} of a list, or files read in a fixed order). The epoch plan holds one
 * int per element (at most 2^31 - 1 elements). Results are collected to the driver: driver memory must hold
 * one parameter vector (and updater state) per partition. {@code fitPaths}, MultiDataSet input, training
 * statistics and stats-storage routing are not supported (one-line errors).
 *
 * <p>Not thread-safe: one driver thread trains with it, as with DL4J's training masters.
 *
 * <p>Why one large class: DL4J's {@code TrainingMaster} interface asks for some twenty methods (the unsupported
 * ones refuse with one-line errors), and the builder, the settings recorded in checkpoints and the round-by-round
 * epoch loop all read the same fields; the per-partition work and the placement of examples already live in
 * {@link PartitionTrainer} and {@link EpochPlan}.
 */
public final class SeededTrainingMaster implements TrainingMaster<TrainingResult, TrainingWorker<TrainingResult>> {
    private final SparkSeeds seeds;
    private final int partitions;
    private final int batchSizePerWorker;
    private final int averagingFrequency;
    private final int examplesPerDataSet;
    private final boolean averageUpdater;
    private final List<TrainingHook> hooks = new ArrayList<>();
    private final List<TrainingListener> listeners = new ArrayList<>();

    private SeededTrainingMaster(Builder b) {
        this.seeds = b.seeds;
        this.partitions = b.partitions;
        this.batchSizePerWorker = b.batchSizePerWorker;
        this.averagingFrequency = b.averagingFrequency;
        this.examplesPerDataSet = b.examplesPerDataSet;
        this.averageUpdater = b.averageUpdater;
    }

    /**
     * A builder for {@code partitions} partitions (workers per round).
     *
     * @throws IllegalArgumentException when {@code seeds} is null or {@code partitions} is below 1
     */
    public static Builder builder(SparkSeeds seeds, int partitions) {
        return new Builder(seeds, partitions);
    }

    /** Settings of a {@link SeededTrainingMaster}; every count must be 1 or more. */
    public static final class Builder {
        private final SparkSeeds seeds;
        private final int partitions;
        private int batchSizePerWorker = 16;
        private int averagingFrequency = 5;
        private int examplesPerDataSet = 1;
        private boolean averageUpdater = true;

        private Builder(SparkSeeds seeds, int partitions) {
            if (seeds == null) {
                throw new IllegalArgumentException("no Seedbank root seed on the driver: pass SparkSeeds.of(seed) or "
                        + "SparkSeeds.fromConf(conf) with " + SparkSeeds.SEED_KEY + " set");
            }
            this.seeds = seeds;
            this.partitions = positive(partitions, "partition count");
        }

        /** Examples per minibatch on each worker (default 16). */
        public Builder batchSizePerWorker(int n) {
            batchSizePerWorker = positive(n, "batch size per worker");
            return this;
        }

        /** Minibatches each worker fits between two averagings (default 5). */
        public Builder averagingFrequency(int n) {
            averagingFrequency = positive(n, "averaging frequency");
            return this;
        }

        /** Examples in each DataSet of the input RDD (default 1). */
        public Builder examplesPerDataSet(int n) {
            examplesPerDataSet = positive(n, "examples per DataSet");
            return this;
        }

        /** Whether updater state is averaged and carried between rounds like the parameters (default true). */
        public Builder averageUpdater(boolean on) {
            averageUpdater = on;
            return this;
        }

        public SeededTrainingMaster build() {
            return new SeededTrainingMaster(this);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException("invalid " + what + " " + n + " (expected 1 or more)");
            }
            return n;
        }
    }

    public SparkSeeds seeds() {
        return seeds;
    }

    public int partitions() {
        return partitions;
    }

    public int batchSizePerWorker() {
        return batchSizePerWorker;
    }

    public int averagingFrequency() {
        return averagingFrequency;
    }

    public int examplesPerDataSet() {
        return examplesPerDataSet;
    }

    public boolean averageUpdater() {
        return averageUpdater;
    }

    /** Examples (DataSet elements) each partition trains on per averaging round. */
    public int elementsPerWorker() {
        return Math.max(1, batchSizePerWorker * averagingFrequency / examplesPerDataSet);
    }

    /** The settings that decide the result, in a fixed order (recorded in run manifests and checkpoints). */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainingMaster", "SeededTrainingMaster");
        m.put("partitions", partitions);
        m.put("batchSizePerWorker", batchSizePerWorker);
        m.put("averagingFrequency", averagingFrequency);
        m.put("examplesPerDataSet", examplesPerDataSet);
        m.put("averageUpdater", averageUpdater);
        m.put("rootSeed", Long.toUnsignedString(seeds.rootSeed()));
        m.put("derivationVersion", seeds.derivationVersion());
        return m;
    }

    // --- training --------------------------------------------------------------------------------------

    @Override
    public void executeTraining(SparkDl4jMultiLayer network, JavaRDD<DataSet> trainingData) {
        network.setScore(train(network.getSparkContext(), network.getNetwork(), trainingData));
    }

    @Override
    public void executeTraining(SparkComputationGraph graph, JavaRDD<DataSet> trainingData) {
        graph.setScore(train(graph.getSparkContext(), graph.getNetwork(), trainingData));
    }

    /** Trains one epoch; returns the mean of the last round's partition scores. */
    double train(JavaSparkContext sc, Model model, JavaRDD<DataSet> data) {
        boolean initialized = model instanceof MultiLayerNetwork net ? net.isInitCalled() : model.params() != null;
        if (!initialized) {
            throw new IllegalStateException("the network has no parameters: call init() on the driver first");
        }
        seeds.registry(); // fails on the driver already when the version does not match
        long epoch = BaseOptimizer.getEpochCount(model);
        // one job counts the elements of every input partition; element j of partition q then has index
        // offsets[q] + j, the index zipWithIndex would give (which costs a second job)
        List<Long> sizes = data.mapPartitions(SeededTrainingMaster::size).collect();
        long[] offsets = new long[sizes.size() + 1];
        for (int q = 0; q < sizes.size(); q++) {
            offsets[q + 1] = offsets[q] + sizes.get(q);
        }
        long count = offsets[sizes.size()];
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many elements for one epoch: " + count + " (at most "
                    + Integer.MAX_VALUE + ")");
        }
        EpochPlan plan = EpochPlan.of(seeds.registry(), epoch, (int) count, partitions, elementsPerWorker());
        Broadcast<EpochPlan> planValue = sc.broadcast(plan);
        // one shuffle puts round r's elements for partition p into shuffle partition r * partitions + p; each
        // round's job reads only its own shuffle partitions (Spark reuses the shuffle output between jobs)
        int rounds = plan.rounds();
        int workers = partitions; // a local: the closure must not capture this master
        JavaPairRDD<Integer, PlacedExample> placed = JavaPairRDD.fromJavaRDD(data.mapPartitionsWithIndex(
                        (q, elements) -> place(planValue.value(), offsets[q], workers, elements), true))
                .partitionBy(new HashPartitioner(Math.max(1, rounds * partitions)));
        double score = Double.NaN;
        try {
            for (int round = 0; round < rounds; round++) {
                Broadcast<NetworkSnapshot> snapshot = sc.broadcast(NetworkSnapshot.of(model, averageUpdater));
                JavaRDD<Tuple2<Integer, PlacedExample>> roundData = JavaRDD.fromRDD(
                        PartitionPruningRDD.create(placed.rdd(), new InRound(round, partitions)), placed.classTag());
                List<PartitionResult> results = new ArrayList<>(roundData.mapPartitionsWithIndex(new PartitionTrainer(
                        seeds, snapshot, epoch, round, batchSizePerWorker, averageUpdater, hooks, listeners), true)
                        .collect());
                snapshot.destroy();
                score = average(model, results);
            }
        } finally {
            planValue.destroy();
        }
        return score;
    }

    /** Keeps the shuffle partitions of one round; their index within the round is the partition index. */
    private static final class InRound extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int round;
        private final int partitions;

        InRound(int round, int partitions) {
            this.round = round;
            this.partitions = partitions;
        }

        @Override
        public Object apply(Object shufflePartition) {
            return (Integer) shufflePartition / partitions == round;
        }
    }

    private static Iterator<Long> size(Iterator<DataSet> elements) {
        long n = 0;
        for (; elements.hasNext(); elements.next()) {
            n++;
        }
        return List.of(n).iterator();
    }

    private static Iterator<Tuple2<Integer, PlacedExample>> place(EpochPlan plan, long firstIndex, int partitions,
            Iterator<DataSet> elements) {
        List<Tuple2<Integer, PlacedExample>> out = new ArrayList<>();
        for (long index = firstIndex; elements.hasNext(); index++) {
            int position = plan.position(index);
            int shufflePartition = plan.round(position) * partitions + plan.partition(position);
            out.add(new Tuple2<>(shufflePartition, new PlacedExample(position, elements.next())));
        }
        return out.iterator();
    }

    /** Sets the model to the mean of {@code results}, summed in partition order; returns the mean score. */
    private double average(Model model, List<PartitionResult> results) {
        results.sort(Comparator.comparingInt(PartitionResult::partition));
        INDArray params = results.get(0).params().dup();
        INDArray state = averageUpdater ? results.get(0).updaterState().dup() : null;
        double score = results.get(0).score();
        int iterations = results.get(0).iterations();
        for (PartitionResult r : results.subList(1, results.size())) {
            params.addi(r.params());
            if (state != null) {
                state.addi(r.updaterState());
            }
            score += r.score();
            iterations = Math.max(iterations, r.iterations());
        }
        int n = results.size();
        model.setParams(params.divi(n));
        int nextIteration = BaseOptimizer.getIterationCount(model) + iterations;
        if (model instanceof MultiLayerNetwork net) {
            if (state != null) {
                net.getUpdater().getStateViewArray().assign(state.divi(n));
            }
            net.getLayerWiseConfigurations().setIterationCount(nextIteration);
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            if (state != null) {
                graph.getUpdater().getStateViewArray().assign(state.divi(n));
            }
            graph.getConfiguration().setIterationCount(nextIteration);
        }
        return score / n;
    }

    // --- the rest of DL4J's TrainingMaster -------------------------------------------------------------

    /** Hooks run around every minibatch on the workers; they must be serialisable. */
    @Override
    public void addHook(TrainingHook hook) {
        hooks.add(hook);
    }

    @Override
    public void removeHook(TrainingHook hook) {
        hooks.remove(hook);
    }

    /** Listeners set on every worker's network (before Seedbank's own); they must be serialisable. */
    @Override
    public void setListeners(Collection<TrainingListener> workerListeners) {
        listeners.clear();
        if (workerListeners != null) {
            listeners.addAll(workerListeners);
        }
    }

    @Override
    public void setListeners(StatsStorageRouter router, Collection<TrainingListener> workerListeners) {
        if (router != null) {
            throw new UnsupportedOperationException("SeededTrainingMaster does not route listener output to a "
                    + "StatsStorageRouter (pass null, or set listeners without one)");
        }
        setListeners(workerListeners);
    }

    @Override
    public String toJson() {
        return write(new ObjectMapper());
    }

    @Override
    public String toYaml() {
        return write(new ObjectMapper(new YAMLFactory()));
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(settings());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the training master settings", e);
        }
    }

    @Override
    public TrainingWorker<TrainingResult> getWorkerInstance(SparkDl4jMultiLayer network) {
        throw noWorker();
    }

    @Override
    public TrainingWorker<TrainingResult> getWorkerInstance(SparkComputationGraph graph) {
        throw noWorker();
    }

    private static UnsupportedOperationException noWorker() {
        return new UnsupportedOperationException("SeededTrainingMaster has no DL4J TrainingWorker: each partition "
                + "trains in its own task (call fit on SparkDl4jMultiLayer or SparkComputationGraph)");
    }

    @Override
    public void executeTrainingPaths(SparkDl4jMultiLayer network, SparkComputationGraph graph, JavaRDD<String> paths,
            DataSetLoader dsLoader, MultiDataSetLoader mdsLoader) {
        throw new UnsupportedOperationException("SeededTrainingMaster trains from a JavaRDD<DataSet>, not from paths "
                + "(load the DataSets into an RDD first)");
    }

    @Override
    public void executeTrainingMDS(SparkComputationGraph graph, JavaRDD<MultiDataSet> trainingData) {
        throw new UnsupportedOperationException("SeededTrainingMaster trains from a JavaRDD<DataSet>, not MultiDataSet");
    }

    @Override
    public void setCollectTrainingStats(boolean collect) {
        if (collect) {
            throw new UnsupportedOperationException("SeededTrainingMaster does not collect Spark training statistics");
        }
    }

    @Override
    public boolean getIsCollectTrainingStats() {
        return false;
    }

    @Override
    public SparkTrainingStats getTrainingStats() {
        return null;
    }

    /** Nothing to delete: this master writes no temporary files. */
    @Override
    public boolean deleteTempFiles(JavaSparkContext sc) {
        return true;
    }

    @Override
    public boolean deleteTempFiles(SparkContext sc) {
        return true;
    }
}
