package dev.seedbank.rng.scope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.registry.SeedRegistry;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Thread-bound streams: binding, nesting, and misuse. */
class StreamScopeTest {
    private final SeedRegistry registry = SeedRegistry.of(42);

    @BeforeEach
    @AfterEach
    void noStreamIsBound() {
        assertTrue(StreamScope.find().isEmpty(), "a test left a stream bound to the test thread");
    }

    @Test
    void currentWithoutBindingThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class, StreamScope::current);
        assertTrue(e.getMessage().contains(Thread.currentThread().getName()), e.getMessage());
        assertTrue(StreamScope.find().isEmpty());
    }

    @Test
    void currentOnAnotherThreadIsNotTheBoundStream() throws Exception {
        PhiloxStream s = registry.stream("a");
        try (StreamScope scope = StreamScope.bind(s)) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicReference<Boolean> found = new AtomicReference<>();
            Thread t = new Thread(() -> {
                found.set(StreamScope.find().isPresent());
                try {
                    StreamScope.current();
                } catch (Throwable x) {
                    seen.set(x);
                }
            });
            t.start();
            t.join();
            assertFalse(found.get());
            assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
            assertSame(s, StreamScope.current());
        }
    }

    @Test
    void bindNullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StreamScope.bind(null));
        assertTrue(StreamScope.find().isEmpty());
    }

    @Test
    void nestingRestoresOuter() {
        PhiloxStream outer = registry.stream("outer");
        PhiloxStream inner = registry.stream("inner");
        try (StreamScope a = StreamScope.bind(outer)) {
            assertSame(outer, StreamScope.current());
            assertSame(outer, StreamScope.find().orElseThrow());
            assertSame(outer, a.stream());
            try (StreamScope b = StreamScope.bind(inner)) {
                assertSame(inner, StreamScope.current());
                assertSame(inner, StreamScope.find().orElseThrow());
                try (StreamScope c = StreamScope.bind(outer)) {
                    assertSame(outer, StreamScope.current());
                }
                assertSame(inner, StreamScope.current());
            }
            assertSame(outer, StreamScope.current());
        }
        assertTrue(StreamScope.find().isEmpty());
        assertThrows(IllegalStateException.class, StreamScope::current);
    }

    @Test
    void closingTwiceDoesNothing() {
        PhiloxStream outer = registry.stream("outer");
        try (StreamScope a = StreamScope.bind(outer)) {
            StreamScope b = StreamScope.bind(registry.stream("inner"));
            b.close();
            b.close();
            assertSame(outer, StreamScope.current());
        }
    }

    @Test
    void closingOutOfOrderThrowsAndKeepsBindings() {
        PhiloxStream outer = registry.stream("outer");
        PhiloxStream inner = registry.stream("inner");
        StreamScope a = StreamScope.bind(outer);
        StreamScope b = StreamScope.bind(inner);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, a::close);
            assertTrue(e.getMessage().contains("order"), e.getMessage());
            // the failed close changed nothing
            assertSame(inner, StreamScope.current());
        } finally {
            b.close();
            assertSame(outer, StreamScope.current());
            a.close();
        }
        assertTrue(StreamScope.find().isEmpty());
    }

    @Test
    void closingOnAnotherThreadThrows() throws Exception {
        PhiloxStream s = registry.stream("mine");
        StreamScope scope = StreamScope.bind(s);
        try {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    scope.close();
                } catch (Throwable x) {
                    thrown.set(x);
                }
            }, "closer-thread");
            t.start();
            t.join();
            assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().contains("closer-thread"), thrown.get().getMessage());
            assertTrue(thrown.get().getMessage().contains(Thread.currentThread().getName()),
                    thrown.get().getMessage());
            assertSame(s, StreamScope.current());
        } finally {
            scope.close();
        }
        assertTrue(StreamScope.find().isEmpty());
    }

    @Test
    void scopeIsClosedWhenTheBodyThrows() {
        assertThrows(RuntimeException.class, () -> {
            try (StreamScope ignored = StreamScope.bind(registry.stream("x"))) {
                throw new RuntimeException("boom");
            }
        });
        assertTrue(StreamScope.find().isEmpty());
    }
}
