package dev.seedbank.rng.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seedbank.rng.stream.PhiloxStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindHookTest {

    @Test
    void hooksRunOnBindAndCloseInnermostFirst() {
        List<String> events = new ArrayList<>();
        StreamScope.BindHook hook = s -> {
            events.add("bind " + s.key());
            return () -> events.add("close " + s.key());
        };
        StreamScope.addBindHook(hook);
        try {
            try (StreamScope outer = StreamScope.bind(new PhiloxStream(1))) {
                try (StreamScope inner = StreamScope.bind(new PhiloxStream(2))) {
                    assertEquals(2, StreamScope.current().key());
                }
            }
        } finally {
            StreamScope.removeBindHook(hook);
        }
        assertEquals(List.of("bind 1", "bind 2", "close 2", "close 1"), events);
        try (StreamScope s = StreamScope.bind(new PhiloxStream(3))) {
            assertEquals(4, events.size(), "a removed hook must not run");
        }
    }

    @Test
    void aFailingHookUndoesTheBinding() {
        List<String> events = new ArrayList<>();
        StreamScope.BindHook ok = s -> () -> events.add("closed");
        StreamScope.BindHook failing = s -> {
            throw new IllegalStateException("boom");
        };
        StreamScope.addBindHook(ok);
        StreamScope.addBindHook(failing);
        try {
            assertThrows(IllegalStateException.class, () -> StreamScope.bind(new PhiloxStream(5)));
        } finally {
            StreamScope.removeBindHook(ok);
            StreamScope.removeBindHook(failing);
        }
        assertEquals(List.of("closed"), events);
        assertTrue(StreamScope.find().isEmpty());
    }
}
