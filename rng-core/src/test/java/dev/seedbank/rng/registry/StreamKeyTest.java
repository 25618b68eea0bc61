package dev.seedbank.rng.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A key's children are the keys of the child paths, whichever way they are reached. */
class StreamKeyTest {
    private static final long SEED = 42;

    @Test
    void childrenAreTheKeysOfTheChildPaths() {
        SeedRegistry registry = SeedRegistry.of(SEED);
        StreamKey base = registry.key("data/shuffle");
        assertEquals(registry.key("data/shuffle/epoch=3"), base.child("epoch", 3));
        assertEquals(registry.key("data/shuffle/7"), base.child(7));
        assertEquals(registry.key("data/shuffle/part"), base.child("part"));
        assertEquals(registry.key("data/shuffle/18446744073709551615"), base.child(-1L));
        assertEquals(registry.key("data/shuffle/epoch=3/iteration=9"),
                base.descend(StreamPath.parse("epoch=3/iteration=9")));
        assertEquals(StreamKey.root(SEED), registry.key(StreamPath.root()));
    }

    @Test
    void childIsKeyDerivationsChildKey() {
        long parent = KeyDerivation.rootKey(SEED);
        for (PathSegment segment : List.of(new PathSegment.Name("w"), new PathSegment.Index(5),
                new PathSegment.NamedIndex("epoch", 0))) {
            assertEquals(KeyDerivation.childKey(parent, segment), StreamKey.of(parent).child(segment).value());
        }
    }

    @Test
    void aKeyIsAValue() {
        StreamKey key = StreamKey.of(0xffL);
        assertEquals(StreamKey.of(0xffL), key);
        assertEquals(StreamKey.of(0xffL).hashCode(), key.hashCode());
        assertNotEquals(StreamKey.of(0xfeL), key);
        assertEquals("0x00000000000000ff", key.toString());
        assertEquals("0xffffffffffffffff", StreamKey.of(-1L).toString());
        assertEquals(0xffL, key.stream().key());
        assertEquals(0, key.stream().position());
        assertEquals(SeedRegistry.of(SEED).stream("a/b").nextLong(), SeedRegistry.of(SEED).key("a/b").stream().nextLong());
    }
}
