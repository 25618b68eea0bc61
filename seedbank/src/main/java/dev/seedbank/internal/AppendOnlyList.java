package dev.seedbank.internal;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A list that grows at its end and hands out its current prefix as an unmodifiable view in constant time: a run
 * record's snapshots grow by one per epoch, and copying them for every manifest handed to the writer made each epoch
 * cost more than the last. Appending writes past every earlier prefix's end (or into a new array), and
 * {@link #set} copies the array, so a prefix never changes after it was taken.
 *
 * <p>Not thread-safe for changes (one owner, which synchronizes); a prefix may be read by any thread it is safely
 * published to.
 */
final class AppendOnlyList<T> {
    private static final int INITIAL_CAPACITY = 16;
    private Object[] items = new Object[INITIAL_CAPACITY];
    private int size;

    void add(T item) {
        if (size == items.length) {
            items = Arrays.copyOf(items, 2 * size);
        }
        items[size++] = item;
    }

    /** Replaces element {@code index} (copying the array, so the prefixes taken before keep the old element). */
    void set(int index, T item) {
        items = items.clone();
        items[index] = item;
    }

    int size() {
        return size;
    }

    /** The elements added so far, as an unmodifiable list that later changes do not affect. */
    List<T> prefix() {
        return new Prefix<>(items, size);
    }

    private static final class Prefix<T> extends AbstractList<T> implements RandomAccess {
        private final Object[] items;
        private final int size;

        Prefix(Object[] items, int size) {
            this.items = items;
            this.size = size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(int index) {
            Objects.checkIndex(index, size);
            return (T) items[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
