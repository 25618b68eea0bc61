package dev.seedbank.record;

import dev.seedbank.nd4j.training.TrainingCheckpoint;
import dev.seedbank.nd4j.training.TrainingState;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import dev.seedbank.rng.registry.SeedRegistry;

/**
 * A run directory: {@value RunManifest#FILE} and {@code checkpoints/epoch-E/} (a
 * {@link TrainingCheckpoint} after epoch {@code E} was completed; only the latest is kept). Checkpoints are
 * written into a hidden temporary directory and moved into place, so an interrupted write never leaves a
 * half-written checkpoint under its final name.
 */
public final class RunDirectory {
    public static final String CHECKPOINTS = "checkpoints";
    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d+)");

    private RunDirectory() {
    }

    /**
     * Creates {@code dir} if needed and checks that files can be written into it.
     *
     * @throws BadInputException naming the directory and the reason
     */
    public static void prepareOutput(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".seedbank-write-test", ".tmp");
            Files.delete(probe);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new BadInputException("cannot write to output directory " + dir + ": " + e.getFile()
                    + " exists and is not a directory");
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot write to output directory " + dir + ": " + e.getFile() + " does not exist");
        } catch (IOException | SecurityException e) {
            throw new BadInputException("cannot write to output directory " + dir + ": " + describe(e));
        }
    }

    public static String describe(Exception e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return m == null ? name : name + " " + m;
    }

    /** The directory of the latest checkpoint in run directory {@code dir}, if any. */
    public static Path latestCheckpoint(Path dir) {
        Path root = dir.resolve(CHECKPOINTS);
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(TrainingCheckpoint.MODEL_FILE))
                            && Files.isRegularFile(p.resolve(TrainingCheckpoint.STATE_FILE)))
                    .max(Comparator.comparingLong(RunDirectory::epochOf)).orElse(null);
        } catch (IOException e) {
            throw new BadInputException("cannot list checkpoints in " + root + ": " + describe(e));
        }
    }

    /** The epoch of a checkpoint directory name {@code epoch-E}. */
    public static long epochOf(Path checkpoint) {
        Matcher m = EPOCH_DIR.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A run directory opened for resuming: its manifest, latest checkpoint and the checkpoint's state. */
    public record Resume(Path dir, RunManifest manifest, Path checkpoint, TrainingState state) {
    }

    /**
     * Opens {@code dir} for resuming.
     *
     * @throws BadInputException when it has no manifest, no checkpoint or an unreadable one
     */
    public static Resume openForResume(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("cannot resume from " + dir + ": not a directory");
        }
        Path checkpoint = latestCheckpoint(dir);
        if (checkpoint == null) {
            throw new BadInputException("cannot resume from " + dir + ": no checkpoint (expected " + CHECKPOINTS
                    + "/epoch-N/" + TrainingCheckpoint.MODEL_FILE + ")");
        }
        RunManifest manifest = ManifestJson.read(dir);
        TrainingState state;
        try {
            state = TrainingState.read(checkpoint.resolve(TrainingCheckpoint.STATE_FILE));
        } catch (IOException e) {
            throw new BadInputException("cannot resume from " + checkpoint + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cannot resume from " + checkpoint + ": " + e.getMessage());
        }
        if (state.epoch() != epochOf(checkpoint)) {
            throw new BadInputException("cannot resume from " + checkpoint + ": its state is at epoch " + state.epoch());
        }
        return new Resume(dir, manifest, checkpoint, state);
    }

    /** Writes a checkpoint's files into a (temporary) directory. */
    public interface CheckpointWriter {
        void write(Path dir) throws IOException;
    }

    /** Saves a checkpoint for the model's current epoch counter and removes older ones. */
    public static Path saveCheckpoint(Path dir, MultiLayerNetwork net, SeedRegistry registry, long epoch) throws IOException {
        return saveCheckpoint(dir, epoch, tmp -> TrainingCheckpoint.save(tmp, net, registry));
    }

    /** Saves the checkpoint {@code writer} writes as the one after epoch {@code epoch}; removes older ones. */
    public static Path saveCheckpoint(Path dir, long epoch, CheckpointWriter writer) throws IOException {
        Path root = dir.resolve(CHECKPOINTS);
        Files.createDirectories(root);
        Path target = root.resolve("epoch-" + epoch);
        Path tmp = Files.createTempDirectory(root, ".epoch-" + epoch + "-");
        try {
            writer.write(tmp);
            Path old = null;
            if (Files.exists(target)) {
                old = Files.createTempDirectory(root, ".replaced-");
                Files.delete(old);
                move(target, old);
            }
            move(tmp, target);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path p : s) {
                if (!p.equals(target) && EPOCH_DIR.matcher(p.getFileName().toString()).matches()) {
                    deleteTree(p);
                }
            }
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** The epoch number in a stream path such as {@code augment/epoch=3/sample=*}, if any. */
    public static OptionalLong epochIn(String path) {
        Matcher m = Pattern.compile("(?:^|/)epoch=(\\d+)(?:/|$)").matcher(path);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** Writes the manifest into the run directory (atomically). */
    public static void writeManifest(Path dir, RunManifest m) throws IOException {
        ManifestJson.write(dir.resolve(RunManifest.FILE), m);
    }
}
