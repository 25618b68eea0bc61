package dev.seedbank.rng.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Key derivation is a pure, unambiguous function of (root seed, path). */
class KeyDerivationTest {
    private static final long SEED = 42;

    private static List<StreamPath> paths(long generatorSeed, int count) {
        PathGenerator gen = new PathGenerator(generatorSeed);
        Set<StreamPath> set = new LinkedHashSet<>();
        set.add(StreamPath.root());
        set.add(StreamPath.parse("init/dense_1/W"));
        set.add(StreamPath.parse("data/shuffle/epoch=3"));
        while (set.size() < count) {
            set.add(gen.path(5));
        }
        return new ArrayList<>(set);
    }

    @Test
    void versionIsV1() {
        assertEquals("seedbank-derive-v1", KeyDerivation.VERSION);
        assertEquals(KeyDerivation.VERSION, SeedRegistry.of(1).derivationVersion());
    }

    @Test
    void keyDoesNotDependOnWhatElseWasDerivedOrInWhichOrder() {
        List<StreamPath> paths = paths(1, 2_000);
        Map<StreamPath, Long> reference = new HashMap<>();
        SeedRegistry fresh = SeedRegistry.of(SEED);
        for (StreamPath p : paths) {
            reference.put(p, KeyDerivation.key(SEED, p));
        }
        // a different registry instance, reversed and shuffled orders, with unrelated derivations between
        SeedRegistry registry = SeedRegistry.of(SEED);
        List<StreamPath> order = new ArrayList<>(paths);
        Collections.reverse(order);
        for (StreamPath p : order) {
            registry.key(p.child("unrelated"));
            assertEquals(reference.get(p), registry.key(p).value(), () -> "key of " + p);
        }
        Collections.shuffle(order, new Random(7));
        for (StreamPath p : order) {
            assertEquals(reference.get(p), fresh.key(p).value(), () -> "key of " + p);
            if (!p.segments().isEmpty()) {
                assertEquals(reference.get(p), registry.key(p.toString()).value(), () -> "key of text " + p);
                assertEquals(reference.get(p), registry.stream(p.toString()).key(), () -> "stream key of " + p);
            }
            assertEquals(reference.get(p), registry.stream(p).key());
            assertEquals(0, registry.stream(p).position());
        }
    }

    @Test
    void keyIsTheSameOnEveryThread() throws Exception {
        List<StreamPath> paths = paths(2, 3_000);
        SeedRegistry shared = SeedRegistry.of(SEED);
        long[] reference = new long[paths.size()];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = KeyDerivation.key(SEED, paths.get(i));
        }
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<long[]> task = () -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < paths.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(thread));
                    long[] keys = new long[paths.size()];
                    start.await(30, TimeUnit.SECONDS);
                    for (int i : order) {
                        keys[i] = shared.key(paths.get(i)).value();
                    }
                    return keys;
                };
                results.add(pool.submit(task));
            }
            for (int t = 0; t < threads; t++) {
                long[] keys = results.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < keys.length; i++) {
                    assertEquals(reference[i], keys[i], "thread " + t + ", path " + paths.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void descendComposes() {
        PathGenerator gen = new PathGenerator(3);
        for (int k = 0; k < 500; k++) {
            StreamPath p = gen.path(3);
            StreamPath q = gen.path(3);
            assertEquals(KeyDerivation.key(SEED, p.resolve(q)), KeyDerivation.descend(KeyDerivation.key(SEED, p), q));
        }
        assertEquals(KeyDerivation.rootKey(SEED), KeyDerivation.key(SEED, StreamPath.root()));
        assertEquals(KeyDerivation.rootKey(SEED), SeedRegistry.of(SEED).key(StreamPath.root()).value());
    }

    private static long key(StreamPath p) {
        return KeyDerivation.key(SEED, p);
    }

    @Test
    void encodingIsUnambiguous() {
        StreamPath r = StreamPath.root();
        // a name containing '/' is not two names
        assertNotEquals(key(r.child("a/b")), key(r.child("a").child("b")));
        assertEquals(r.child("a/b"), StreamPath.parse("a%2Fb"));
        assertNotEquals(key(StreamPath.parse("a%2Fb")), key(StreamPath.parse("a/b")));
        // index 2^32 is not indices 0,1 (nor 1,0), nor a named index, nor a name
        long twoTo32 = 1L << 32;
        assertNotEquals(key(r.child(twoTo32)), key(r.child(0).child(1)));
        assertNotEquals(key(r.child(twoTo32)), key(r.child(1).child(0)));
        assertNotEquals(key(r.child(twoTo32)), key(r.child(0)));
        assertNotEquals(key(r.child(twoTo32)), key(r.child("x", twoTo32)));
        assertNotEquals(key(r.child(twoTo32)), key(r.child("4294967296")));
        // name "1" vs index 1
        assertNotEquals(key(r.child("1")), key(r.child(1)));
        assertNotEquals(key(StreamPath.parse("%31")), key(StreamPath.parse("1")));
        // name=index vs name then index, vs the name "epoch=3"
        assertNotEquals(key(r.child("epoch", 3)), key(r.child("epoch").child(3)));
        assertNotEquals(key(r.child("epoch", 3)), key(r.child("epoch=3")));
        assertNotEquals(key(r.child("epoch").child(3)), key(r.child("epoch=3")));
        // the empty path is the root: its key is the root key, unlike any child's
        assertEquals(KeyDerivation.rootKey(SEED), key(r));
        assertEquals(key(r), key(r.resolve(r)));
        assertNotEquals(key(r), key(r.child(0)));
        assertNotEquals(key(r), key(r.child("0", 0)));
        assertNotEquals(key(r), key(r.child("root")));
        // the root key is not the key of the seed as a path index, nor of index 0 under another seed
        assertNotEquals(KeyDerivation.rootKey(0), KeyDerivation.childKey(KeyDerivation.rootKey(0), new PathSegment.Index(0)));
        // same bytes in different segment boundaries: "ab"+"c" vs "a"+"bc"
        assertNotEquals(key(r.child("ab").child("c")), key(r.child("a").child("bc")));
        assertNotEquals(key(r.child("ab", 1)), key(r.child("a", 1).child("b")));
    }

    @Test
    void noCollisionsAmong100kDistinctPaths() {
        PathGenerator gen = new PathGenerator(4);
        Map<Long, StreamPath> byKey = new HashMap<>();
        Set<StreamPath> seen = new HashSet<>();
        while (seen.size() < 100_000) {
            StreamPath p = gen.path(4);
            if (!seen.add(p)) {
                continue;
            }
            StreamPath previous = byKey.put(key(p), p);
            if (previous != null) {
                throw new AssertionError("paths '" + previous + "' and '" + p + "' have the same key");
            }
        }
        assertEquals(100_000, byKey.size());
    }

    @Test
    void differentSeedsSamePathDiffer() {
        long[] seeds = {0, 1, 2, 42, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32};
        for (StreamPath p : List.of(StreamPath.root(), StreamPath.parse("init/dense_1/W"),
                StreamPath.parse("worker/0"))) {
            Set<Long> keys = new HashSet<>();
            for (long s : seeds) {
                keys.add(KeyDerivation.key(s, p));
                assertEquals(KeyDerivation.key(s, p), SeedRegistry.of(s).key(p).value());
            }
            assertEquals(seeds.length, keys.size(), "keys of '" + p + "' under " + seeds.length + " seeds");
        }
        // the streams differ too, not only the keys
        assertNotEquals(SeedRegistry.of(1).stream("a").nextLong(), SeedRegistry.of(2).stream("a").nextLong());
    }

    @Test
    void sameSeedDifferentPathsDiffer() {
        SeedRegistry registry = SeedRegistry.of(SEED);
        List<String> texts = List.of("init/dense_1/W", "init/dense_1/b", "init/dense_2/W", "init/dense_1",
                "data/shuffle/epoch=3", "data/shuffle/epoch=4", "data/shuffle/3", "worker/0", "worker/1",
                "worker/2", "worker/3", "0", "1", "%31", "epoch=0");
        Set<StreamKey> keys = new HashSet<>();
        for (String t : texts) {
            keys.add(registry.key(t));
        }
        keys.add(registry.key(StreamPath.root()));
        assertEquals(texts.size() + 1, keys.size());
        assertNotEquals(registry.stream("worker/0").nextLong(), registry.stream("worker/1").nextLong());
    }

    @Test
    void streamsOfEqualPathsAreEqualSequences() {
        SeedRegistry a = SeedRegistry.of(SEED);
        SeedRegistry b = SeedRegistry.of(RootSeed.parse("0x2a", "test"));
        long[] x = new long[32];
        long[] y = new long[32];
        dev.seedbank.rng.stream.PhiloxStream s = a.stream("init/dense_1/W");
        dev.seedbank.rng.stream.PhiloxStream t = b.stream(StreamPath.root().child("init").child("dense_1").child("W"));
        for (int i = 0; i < x.length; i++) {
            x[i] = s.nextLong();
            y[i] = t.nextLong();
        }
        assertArrayEquals(x, y);
        assertTrue(x[0] != x[1]);
    }
}
