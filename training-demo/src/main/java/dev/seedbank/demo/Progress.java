package dev.seedbank.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress: a bar redrawn in place on a terminal, one line per epoch otherwise, or machine-readable
 * {@code @progress} lines for a parent process ({@code seedbank demo}).
 */
public interface Progress {
    /** Called after each epoch. */
    void epoch(long epoch, int epochs, long iteration, double score, String fingerprint);

    /** Called once when training ends. */
    default void done() {
    }

    /** The prefix of machine-readable lines. */
    String MACHINE = "@progress";

    /** The display for {@code mode} ({@code auto} picks the bar on a terminal, plain lines otherwise). */
    static Progress of(String mode, PrintStream out) {
        return switch (mode) {
            case "none" -> (e, n, i, s, f) -> { };
            case "machine" -> (e, n, i, s, f) -> {
                out.println(MACHINE + " epoch=" + (e + 1) + " epochs=" + n + " iteration=" + i + " score=" + s);
                out.flush();
            };
            case "plain" -> plain(out);
            case "bar" -> new Bar(out, "training");
            case "auto" -> System.console() != null ? new Bar(out, "training") : plain(out);
            default -> throw new IllegalArgumentException("unknown --progress '" + mode
                    + "' (expected auto, bar, plain, machine or none)");
        };
    }

    private static Progress plain(PrintStream out) {
        return (e, n, i, s, f) -> out.printf(Locale.ROOT, "epoch %d/%d  iteration %d  score %.6f  params %s%n", e + 1, n,
                i, s, f.substring(0, 16));
    }

    /** A text progress bar redrawn with carriage returns. */
    final class Bar implements Progress {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private final String label;

        public Bar(PrintStream out, String label) {
            this.out = out;
            this.label = label;
        }

        /** Redraws the bar at {@code done} of {@code total} with a trailing note. */
        public void show(long done, long total, String note) {
            int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
            out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + " " + note + "\u001b[K");
            out.flush();
        }

        @Override
        public void epoch(long epoch, int epochs, long iteration, double score, String fingerprint) {
            show(epoch + 1, epochs, String.format(Locale.ROOT, "epochs  score %.4f", score));
        }

        @Override
        public void done() {
            out.println();
        }
    }
}
