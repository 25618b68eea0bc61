package dev.seedbank.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.seedbank.record.ManifestJson;
import dev.seedbank.record.RunInfo;
import dev.seedbank.record.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background manifest writer: the file always holds a whole manifest, the newest after writeNow. */
class ManifestWriterTest {
    @TempDir
    Path dir;

    /** A manifest whose completed epoch count is {@code epochs}, so each one is told apart in the file. */
    private static RunManifest manifest(int epochs, String status) {
        RunInfo info = new RunInfo("0x0000000000000001", "explicit", "seedbank-derive-v1", "test", epochs, epochs, 0,
                10, 5, 0, null, null);
        return new RunManifest(status, "seedbank test", info, "cafe", null, Map.of(), List.of(), Map.of(), List.of(),
                null, null);
    }

    @Test
    void manyThreadsHandOverManifestsAndTheFileEndsWithTheOneWrittenNow() throws Exception {
        ManifestWriter writer = new ManifestWriter(dir);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * 1000;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int e = first; e < first + 200; e++) {
                        int epoch = e;
                        writer.writeLater(() -> manifest(epoch, RunManifest.RUNNING));
                        if (e % 50 == 0) { // every read sees a whole manifest, never a partial file
                            RunManifest seen = ManifestJson.read(dir.resolve(RunManifest.FILE));
                            assertEquals(RunManifest.RUNNING, seen.status());
                        }
                    }
                } catch (InterruptedException | IOException e) {
                    throw new AssertionError(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        writer.writeNow(manifest(0, RunManifest.RUNNING)); // the file exists before the readers look
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        writer.writeNow(manifest(4242, RunManifest.INCOMPLETE));
        RunManifest last = ManifestJson.read(dir);
        assertEquals(RunManifest.INCOMPLETE, last.status());
        assertEquals(4242, last.run().epochs());
        writer.close();
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(RunManifest.FILE)), files.toList(), "no temporary file is left");
        }
    }

    /** Without writeNow, the newest manifest handed over reaches the file (within the pace, here a few seconds). */
    @Test
    void theNewestManifestHandedOverIsWrittenInTheBackground() throws Exception {
        ManifestWriter writer = new ManifestWriter(dir);
        for (int e = 0; e <= 300; e++) {
            int epoch = e;
            writer.writeLater(() -> manifest(epoch, RunManifest.RUNNING));
        }
        Path file = dir.resolve(RunManifest.FILE);
        for (int tries = 0; tries < 200 && !(Files.exists(file) && ManifestJson.read(file).run().epochs() == 300); tries++) {
            Thread.sleep(50);
        }
        assertEquals(300, ManifestJson.read(file).run().epochs());
        writer.close();
    }

    @Test
    void aFailedBackgroundWriteIsReportedByTheNextCall() throws Exception {
        ManifestWriter writer = new ManifestWriter(dir.resolve("gone"));
        writer.writeLater(() -> manifest(1, RunManifest.RUNNING));
        IOException e = assertThrows(IOException.class, () -> writer.writeNow(manifest(2, RunManifest.COMPLETE)));
        assertEquals(true, e.getMessage().contains("gone"), e.getMessage());
        writer.close();
    }
}
