package dev.seedbank.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.registry.StreamKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSeedsTest {
    @Test
    void travelsAsASmallValueAndRebuildsTheSameRegistry() throws Exception {
        SparkSeeds seeds = SparkSeeds.of(42);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(seeds);
        }
        SparkSeeds copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SparkSeeds) in.readObject();
        }
        assertEquals(seeds, copy);
        assertEquals(SeedRegistry.of(42).key("spark/data/epoch=0"), copy.registry().key(SparkStreams.dataOrder(0)));
    }

    @Test
    void aValueFromAnotherDerivationVersionIsRefused() {
        SparkSeeds foreign = new SparkSeeds(42, "seedbank-derive-v0");
        IllegalStateException e = assertThrows(IllegalStateException.class, foreign::registry);
        assertEquals("Seedbank registry value from derivation version 'seedbank-derive-v0' arrived at a JVM that "
                + "derives with 'seedbank-derive-v1' (use the same Seedbank release on the driver and the executors)",
                e.getMessage());
        IllegalStateException onDriver = assertThrows(IllegalStateException.class,
                () -> SeededTrainingMaster.builder(foreign, 2).build().train(null, SparkTraining.newMlp(1), null));
        assertEquals(e.getMessage(), onDriver.getMessage());
    }

    @Test
    void theDriverNeedsAnExplicitSeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSeeds.fromConf(new SparkConf(false)));
        assertEquals("no Seedbank root seed on the driver: set spark.seedbank.seed in the Spark configuration "
                + "(e.g. --conf spark.seedbank.seed=42)", e.getMessage());
        assertEquals(SparkSeeds.of(42), SparkSeeds.fromConf(new SparkConf(false).set(SparkSeeds.SEED_KEY, "42")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> SparkSeeds.fromConf(new SparkConf(false).set(SparkSeeds.SEED_KEY, "forty-two")));
        assertEquals(1, bad.getMessage().lines().count());
        assertThrows(IllegalArgumentException.class, () -> SeededTrainingMaster.builder(null, 2));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SeededTrainingMaster.builder(SparkSeeds.of(1), 0));
        assertEquals("invalid partition count 0 (expected 1 or more)", zero.getMessage());
    }

    @Test
    void streamPathsAreDistinctPerRolePartitionRoundAndEpoch() {
        SeedRegistry registry = SeedRegistry.of(42);
        Set<StreamKey> keys = new HashSet<>();
        int expected = 0;
        for (int epoch = 0; epoch < 3; epoch++) {
            keys.add(registry.key(SparkStreams.dataOrder(epoch)));
            expected++;
            for (int round = 0; round < 3; round++) {
                for (int p = 0; p < 4; p++) {
                    keys.add(registry.key(SparkStreams.task(epoch, round, p)));
                    expected++;
                }
            }
        }
        for (int p = 0; p < 4; p++) {
            keys.add(registry.key(SparkStreams.trainBase(p)));
            expected++;
        }
        assertEquals(expected, keys.size());
        assertNotEquals(SparkStreams.trainBase(0), SparkStreams.trainBase(1));
    }

    @Test
    void epochPlanIsAPermutationCutIntoBalancedRounds() {
        EpochPlan plan = EpochPlan.of(SeedRegistry.of(42), 0, 50, 4, 3);
        assertEquals(5, plan.rounds()); // 12 per round
        Set<Integer> positions = new HashSet<>();
        int[][] perRoundAndPartition = new int[5][4];
        for (int i = 0; i < 50; i++) {
            int pos = plan.position(i);
            positions.add(pos);
            perRoundAndPartition[plan.round(pos)][plan.partition(pos)]++;
        }
        for (int r = 0; r < 5; r++) {
            for (int p = 0; p < 4; p++) {
                assertEquals(perRoundAndPartition[r][p], plan.elements(r, p), "round " + r + ", partition " + p);
            }
        }
        assertEquals(50, positions.size());
        for (int r = 0; r < 4; r++) {
            assertEquals("[3, 3, 3, 3]", java.util.Arrays.toString(perRoundAndPartition[r]));
        }
        assertEquals("[1, 1, 0, 0]", java.util.Arrays.toString(perRoundAndPartition[4]));
        EpochPlan again = EpochPlan.of(SeedRegistry.of(42), 0, 50, 4, 3);
        EpochPlan nextEpoch = EpochPlan.of(SeedRegistry.of(42), 1, 50, 4, 3);
        boolean differs = false;
        for (int i = 0; i < 50; i++) {
            assertEquals(plan.position(i), again.position(i));
            differs |= plan.position(i) != nextEpoch.position(i);
        }
        assertEquals(true, differs, "epoch 1 has its own order");
    }
}
