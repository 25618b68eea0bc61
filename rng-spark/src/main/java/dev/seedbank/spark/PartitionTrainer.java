package dev.seedbank.spark;

import dev.seedbank.nd4j.control.Nd4jBinding;
import dev.seedbank.nd4j.training.SeededTrainingListener;
import dev.seedbank.rng.registry.SeedRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

/**
 * The executor side of one averaging round: partition {@code P} builds the broadcast network, trains on its
 * examples of the round in position order in minibatches, and returns its parameters. The executor thread's
 * ND4J generator is bound to {@code spark/task/epoch=E/round=R/partition=P} for the task and restored
 * afterwards; each iteration reseeds it from {@code spark/train/partition=P/epoch=E/iteration=I}
 * ({@link SparkStreams}). Nothing depends on the executor, the thread or the task attempt.
 *
 * <p>Spark serialises one copy per task; a copy is used by one thread.
 */
final class PartitionTrainer
        implements Function2<Integer, Iterator<Tuple2<Integer, PlacedExample>>, Iterator<PartitionResult>> {
    private static final long serialVersionUID = 1L;

    private final SparkSeeds seeds;
    private final Broadcast<NetworkSnapshot> snapshot;
    private final long epoch;
    private final int round;
    private final int batchSize;
    private final boolean withUpdater;
    private final List<TrainingHook> hooks;
    private final List<TrainingListener> listeners;
    private final boolean portable = PortableExecutors.driverIsPortable(); // read on the driver

    PartitionTrainer(SparkSeeds seeds, Broadcast<NetworkSnapshot> snapshot, long epoch, int round, int batchSize,
            boolean withUpdater, List<TrainingHook> hooks, List<TrainingListener> listeners) {
        this.seeds = seeds;
        this.snapshot = snapshot;
        this.epoch = epoch;
        this.round = round;
        this.batchSize = batchSize;
        this.withUpdater = withUpdater;
        this.hooks = new ArrayList<>(hooks);
        this.listeners = new ArrayList<>(listeners);
    }

    @Override
    public Iterator<PartitionResult> call(Integer partition, Iterator<Tuple2<Integer, PlacedExample>> elements) {
        if (portable) {
            PortableExecutors.enableHere();
        }
        List<PlacedExample> mine = new ArrayList<>();
        elements.forEachRemaining(e -> mine.add(e._2()));
        if (mine.isEmpty()) {
            return Collections.emptyIterator();
        }
        // the shuffle delivers elements in any order: train in the plan's order
        mine.sort(Comparator.comparingInt(PlacedExample::position));
        List<DataSet> batches = minibatches(mine);
        SeedRegistry registry = seeds.registry();
        try (Nd4jBinding task = Nd4jBinding.bind(registry.stream(SparkStreams.task(epoch, round, partition)))) {
            Model model = snapshot.value().build();
            SeededTrainingListener seeded = new SeededTrainingListener(registry, SparkStreams.trainBase(partition));
            List<TrainingListener> all = new ArrayList<>(listeners);
            all.add(seeded); // last, so other listeners' draws do not shift the masks
            model.setListeners(all);
            seeded.bindNext(model);
            for (DataSet batch : batches) {
                fit(model, batch);
            }
            return Collections.singletonList(result(partition, model, batches.size(), mine.size())).iterator();
        }
    }

    /**
     * Consecutive elements merged into minibatches: a minibatch closes as soon as it holds at least
     * {@code batchSize} examples (exactly {@code batchSize} when the elements' example count divides it).
     */
    private List<DataSet> minibatches(List<PlacedExample> elements) {
        List<DataSet> batches = new ArrayList<>();
        List<DataSet> pending = new ArrayList<>();
        int examples = 0;
        for (PlacedExample e : elements) {
            pending.add(e.data());
            examples += e.data().numExamples();
            if (examples >= batchSize) {
                batches.add(DataSet.merge(pending));
                pending = new ArrayList<>();
                examples = 0;
            }
        }
        if (!pending.isEmpty()) {
            batches.add(DataSet.merge(pending));
        }
        return batches;
    }

    private void fit(Model model, DataSet batch) {
        for (TrainingHook hook : hooks) {
            hook.preUpdate(batch, model);
        }
        if (model instanceof MultiLayerNetwork net) {
            net.fit(batch);
        } else {
            ((ComputationGraph) model).fit(batch);
        }
        for (TrainingHook hook : hooks) {
            hook.postUpdate(batch, model);
        }
    }

    private PartitionResult result(int partition, Model model, int iterations, int elements) {
        INDArray state = null;
        if (withUpdater) {
            state = model instanceof MultiLayerNetwork net ? net.getUpdater().getStateViewArray()
                    : ((ComputationGraph) model).getUpdater().getStateViewArray();
        }
        return new PartitionResult(partition, model.params().dup(), state == null ? null : state.dup(), model.score(),
                iterations, elements);
    }
}
