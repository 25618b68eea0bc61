package dev.seedbank.record;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * Compares two run manifests: IDENTICAL when the initial parameters, every snapshot both runs took at the same
 * point of training (parameter fingerprints and score bits) and the final parameters match; otherwise the
 * first divergence (the earliest point whose fingerprints differ, with the parameters and layers that differ)
 * and, next to it, the run, configuration and environment differences with their likely causes. Stateless.
 *
 * <p>Why one large class: the first divergence, the run, configuration and environment differences with their
 * likely causes, and the printed report form one verdict and share the helpers that walk both manifests; the
 * result types are small records.
 */
public final class RunComparison {
    private static final int MAX_CONFIG_PATHS = 5;

    /**
     * One point where both runs recorded fingerprints.
     *
     * @param label where ("initialisation", "epoch E, iteration I", "final")
     * @param iteration the iteration (-1 for initialisation)
     * @param scoreA run A's score (NaN at initialisation)
     * @param scoreB run B's score
     * @param differing the parameters whose fingerprints differ
     */
    public record Point(String label, long iteration, double scoreA, double scoreB, List<String> differing) {
    }

    /**
     * A difference in what was run or where.
     *
     * @param key the field ({@code run.rootSeed}, {@code configuration.<json path>}, {@code <environment key>})
     * @param a run A's value
     * @param b run B's value
     * @param cause the likely effect
     */
    public record Difference(String key, String a, String b, String cause) {
    }

    /**
     * The outcome.
     *
     * @param identical whether every common fingerprint matches and both runs end at the same point
     * @param firstDivergence the earliest point that differs, or null
     * @param lastMatch the last point before it that matched, or null
     * @param points every common point, in training order
     * @param differences run, configuration and environment differences
     * @param notes other observations (stream use, differing span)
     * @param checkpoints per-parameter distances of the latest common checkpoint, or empty
     * @param checkpointLabel where that checkpoint was taken, or null
     * @param dataDiffers epochs whose augmented data fingerprint differs
     */
    public record Result(boolean identical, Point firstDivergence, Point lastMatch, List<Point> points,
            List<Difference> differences, List<String> notes, List<ParamDiff> checkpoints, String checkpointLabel,
            List<Long> dataDiffers) {
        /** The layers (the part of {@code layer/param} before the slash) of the first divergence. */
        public List<String> divergentLayers() {
            if (firstDivergence == null) {
                return List.of();
            }
            LinkedHashSet<String> layers = new LinkedHashSet<>();
            for (String p : firstDivergence.differing()) {
                int slash = p.lastIndexOf('/');
                layers.add(slash < 0 ? p : p.substring(0, slash));
            }
            return List.copyOf(layers);
        }
    }

    private RunComparison() {
    }

    /** Compares the manifests (and checkpoint distances, if the caller measured them). */
    public static Result compare(RunManifest a, RunManifest b, List<ParamDiff> checkpoints, String checkpointLabel) {
        List<Point> points = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        points.add(new Point("initialisation", -1, Double.NaN, Double.NaN, differing(a.init(), b.init())));

        Map<String, Snapshot> byPoint = new LinkedHashMap<>();
        for (Snapshot s : b.snapshots()) {
            byPoint.put(key(s), s);
        }
        int unmatched = 0;
        for (Snapshot s : a.snapshots()) {
            Snapshot t = byPoint.get(key(s));
            if (t == null) {
                unmatched++;
                continue;
            }
            List<String> diff = differing(s.params(), t.params());
            if (diff.isEmpty() && Double.doubleToLongBits(s.score()) != Double.doubleToLongBits(t.score())) {
                diff = List.of("(score)");
            }
            points.add(new Point(s.position(), s.iteration(), s.score(), t.score(), diff));
        }
        if (unmatched > 0 || a.snapshots().size() != b.snapshots().size()) {
            notes.add("snapshots: A has " + a.snapshots().size() + ", B has " + b.snapshots().size() + "; "
                    + (points.size() - 1) + " taken at the same points were compared");
        }
        boolean sameEnd = false;
        if (a.finalParams() != null && b.finalParams() != null) {
            Snapshot fa = a.finalParams();
            Snapshot fb = b.finalParams();
            if (fa.iteration() == fb.iteration() && fa.epoch() == fb.epoch()) {
                sameEnd = true;
                List<String> diff = differing(fa.params(), fb.params());
                if (diff.isEmpty() && !Objects.equals(a.paramsSha256(), b.paramsSha256())) {
                    diff = List.of("(all parameters)");
                }
                points.add(new Point("final (epoch " + fa.epoch() + ", iteration " + fa.iteration() + ")",
                        fa.iteration(), fa.score(), fb.score(), diff));
            } else {
                notes.add("the runs end at different points: A at epoch " + fa.epoch() + ", iteration " + fa.iteration()
                        + ", B at epoch " + fb.epoch() + ", iteration " + fb.iteration());
            }
        } else {
            notes.add("run " + (a.finalParams() == null ? "A" : "B") + " is not complete (status "
                    + (a.finalParams() == null ? a.status() : b.status()) + ")");
        }

        Point first = null;
        Point lastMatch = null;
        for (Point p : points) {
            if (!p.differing().isEmpty()) {
                first = p;
                break;
            }
            lastMatch = p;
        }
        List<Long> dataDiffers = dataDiffers(a, b);
        List<Difference> differences = differences(a, b);
        streamNotes(a, b, notes);
        boolean checkpointsDiffer = checkpoints.stream().anyMatch(d -> d.differing() > 0);
        boolean identical = first == null && sameEnd && !checkpointsDiffer;
        return new Result(identical, first, first == null ? null : lastMatch, points, differences, notes,
                List.copyOf(checkpoints), checkpointLabel, dataDiffers);
    }

    /** The report as text lines: the verdict first. */
    public static List<String> report(Result r, String nameA, String nameB) {
        List<String> out = new ArrayList<>();
        if (r.identical()) {
            out.add("IDENTICAL: initial parameters, " + (r.points().size() - 2) + " snapshots and the final parameters"
                    + " match bit for bit");
        } else if (r.firstDivergence() != null) {
            Point p = r.firstDivergence();
            out.add("DIVERGENT: first divergence at " + p.label());
            out.add("  layers: " + String.join(", ", r.divergentLayers()));
            out.add("  parameters: " + String.join(", ", p.differing()));
            if (!Double.isNaN(p.scoreA())) {
                out.add("  score: A " + p.scoreA() + ", B " + p.scoreB()
                        + (Double.doubleToLongBits(p.scoreA()) == Double.doubleToLongBits(p.scoreB()) ? " (same)" : ""));
            }
            out.add("  last matching point: " + (r.lastMatch() == null ? "none (they differ from the start)"
                    : r.lastMatch().label()));
        } else {
            out.add("DIVERGENT: every common fingerprint matches, but the runs do not end at the same point"
                    + (r.checkpoints().stream().anyMatch(d -> d.differing() > 0) ? " and the checkpoints differ" : ""));
        }
        if (!r.dataDiffers().isEmpty()) {
            out.add("  augmented training data differs in epochs " + r.dataDiffers());
        }
        if (!r.checkpoints().isEmpty()) {
            out.add("checkpoints (" + r.checkpointLabel() + "):");
            for (ParamDiff d : r.checkpoints()) {
                out.add(String.format(java.util.Locale.ROOT, "  %-16s %s", d.name(), d.differing() == 0 ? "bitwise equal"
                        : String.format(java.util.Locale.ROOT, "%d of %d values differ, max |diff| %.3e, max ulps %d",
                                d.differing(), d.length(), d.maxAbs(), d.maxUlps())));
            }
        }
        if (!r.differences().isEmpty()) {
            out.add("differences between the runs (A = " + nameA + ", B = " + nameB + "):");
            for (Difference d : r.differences()) {
                out.add("  " + d.key() + ": A " + d.a() + ", B " + d.b() + "  -> " + d.cause());
            }
        } else {
            out.add("no differences in seed, configuration or environment");
        }
        for (String n : r.notes()) {
            out.add("note: " + n);
        }
        return out;
    }

    private static String key(Snapshot s) {
        return s.kind() + "/" + s.epoch() + "/" + s.iteration();
    }

    private static List<String> differing(Map<String, String> a, Map<String, String> b) {
        LinkedHashSet<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!Objects.equals(a.get(n), b.get(n))) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<Long> dataDiffers(RunManifest a, RunManifest b) {
        Map<Long, String> dataB = new LinkedHashMap<>();
        for (Snapshot s : b.snapshots()) {
            if (s.dataSha256() != null) {
                dataB.put(s.epoch(), s.dataSha256());
            }
        }
        List<Long> out = new ArrayList<>();
        for (Snapshot s : a.snapshots()) {
            if (s.dataSha256() != null && dataB.containsKey(s.epoch()) && !s.dataSha256().equals(dataB.get(s.epoch()))) {
                out.add(s.epoch());
            }
        }
        return out;
    }

    private static List<Difference> differences(RunManifest a, RunManifest b) {
        List<Difference> out = new ArrayList<>();
        RunInfo x = a.run();
        RunInfo y = b.run();
        field(out, "run.rootSeed", x.rootSeed(), y.rootSeed());
        field(out, "run.derivationVersion", x.derivationVersion(), y.derivationVersion());
        field(out, "run.model", x.model(), y.model());
        field(out, "run.examples", x.examples(), y.examples());
        field(out, "run.batchSize", x.batchSize(), y.batchSize());
        field(out, "run.epochs", x.epochs(), y.epochs());
        field(out, "run.hashEvery", x.hashEvery(), y.hashEvery());
        field(out, "run.augmentThreads", x.augmentThreads(), y.augmentThreads());
        sparkDifferences(out, x.spark(), y.spark());
        if (!a.configSha256().equals(b.configSha256())) {
            List<String> paths = new ArrayList<>();
            if (a.configuration() != null && b.configuration() != null) {
                jsonDiff("", a.configuration(), b.configuration(), paths);
            }
            if (paths.isEmpty()) {
                field(out, "configSha256", a.configSha256(), b.configSha256());
            }
            for (String p : paths) {
                out.add(new Difference("configuration." + p, show(at(a.configuration(), p)),
                        show(at(b.configuration(), p)), LikelyCause.of("configuration")));
            }
        }
        TreeSet<String> keys = new TreeSet<>(a.environment().keySet());
        keys.addAll(b.environment().keySet());
        for (String k : keys) {
            field(out, k, a.environment().get(k), b.environment().get(k));
        }
        return out;
    }

    /**
     * {@code run.spark}: one run on Spark and one on a single JVM, or the Spark runs' partition count, master,
     * Spark version and the other training-master settings (the root seed and derivation version are
     * compared as {@code run.*} already).
     */
    private static void sparkDifferences(List<Difference> out, SparkRun a, SparkRun b) {
        if (a == null && b == null) {
            return;
        }
        if (a == null || b == null) {
            out.add(new Difference("run.spark", describe(a), describe(b), LikelyCause.of("run.spark")));
            return;
        }
        field(out, "run.spark.partitions", a.partitions(), b.partitions());
        field(out, "run.spark.master", a.master(), b.master());
        field(out, "run.spark.sparkVersion", a.sparkVersion(), b.sparkVersion());
        LinkedHashSet<String> keys = new LinkedHashSet<>(a.settings().keySet());
        keys.addAll(b.settings().keySet());
        keys.removeAll(List.of("partitions", "rootSeed", "derivationVersion"));
        for (String k : keys) {
            Object va = a.settings().get(k);
            Object vb = b.settings().get(k);
            field(out, "run.spark.settings." + k, va == null ? null : va.toString(), vb == null ? null : vb.toString());
        }
    }

    private static String describe(SparkRun s) {
        return s == null ? "(no Spark: one JVM)" : "Spark " + s.sparkVersion() + " " + s.master() + ", " + s.partitions()
                + " partitions";
    }

    private static void field(List<Difference> out, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new Difference(key, a == null ? "(none)" : a.toString(), b == null ? "(none)" : b.toString(),
                    LikelyCause.of(key)));
        }
    }

    private static void streamNotes(RunManifest a, RunManifest b, List<String> notes) {
        Map<String, StreamUse> sb = new LinkedHashMap<>();
        for (StreamUse s : b.streams()) {
            sb.put(s.path(), s);
        }
        int shown = 0;
        for (StreamUse s : a.streams()) {
            StreamUse t = sb.get(s.path());
            if (t != null && (t.draws() != s.draws() || t.streams() != s.streams()) && shown++ < 5) {
                notes.add("stream " + s.path() + ": A drew " + s.draws() + " " + s.unit() + " from " + s.streams()
                        + " stream(s), B " + t.draws() + " " + t.unit() + " from " + t.streams());
            }
        }
    }

    private static void jsonDiff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (out.size() >= MAX_CONFIG_PATHS || Objects.equals(a, b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                jsonDiff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                jsonDiff(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(path.isEmpty() ? "(root)" : path);
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        if (path.equals("(root)")) {
            return n;
        }
        for (Iterator<String> it = List.of(path.split("\\.")).iterator(); it.hasNext() && n != null;) {
            String part = it.next();
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                n = n.get(name);
            }
            while (n != null && bracket >= 0) {
                int close = part.indexOf(']', bracket);
                n = n.get(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        return n;
    }

    private static String show(JsonNode n) {
        if (n == null) {
            return "(none)";
        }
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
