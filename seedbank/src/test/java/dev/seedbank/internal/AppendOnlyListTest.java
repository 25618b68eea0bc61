package dev.seedbank.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AppendOnlyListTest {
    @Test
    void aPrefixKeepsItsElementsThroughAppendsGrowthAndReplacements() {
        AppendOnlyList<Integer> list = new AppendOnlyList<>();
        List<List<Integer>> prefixes = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // several array growths
            list.add(i);
            prefixes.add(list.prefix());
        }
        list.set(3, -3);
        for (int n = 0; n < 100; n++) {
            List<Integer> p = prefixes.get(n);
            assertEquals(n + 1, p.size());
            for (int i = 0; i <= n; i++) {
                assertEquals(i, p.get(i));
            }
        }
        assertEquals(-3, list.prefix().get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> prefixes.get(4).get(5));
        assertThrows(UnsupportedOperationException.class, () -> prefixes.get(4).add(7));
    }

    @Test
    void aPrefixPublishedToAnotherThreadIsWhole() throws Exception {
        AppendOnlyList<Integer> list = new AppendOnlyList<>();
        AtomicReference<List<Integer>> handOver = new AtomicReference<>(List.of());
        AtomicReference<AssertionError> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            for (int k = 0; k < 200_000; k++) {
                List<Integer> p = handOver.get();
                for (int i = 0; i < p.size(); i++) {
                    if (p.get(i) != i) {
                        failure.set(new AssertionError("element " + i + " of a prefix of " + p.size() + " is " + p.get(i)));
                        return;
                    }
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20_000; i++) {
            list.add(i);
            handOver.set(list.prefix());
        }
        reader.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
