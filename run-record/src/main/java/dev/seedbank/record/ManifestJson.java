package dev.seedbank.record;

import dev.seedbank.nd4j.training.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link RunManifest}s as JSON (schema in {@code docs/manifest.md}). Writes are atomic: the
 * text goes to a temporary file in the same directory, which is then moved over the target with
 * {@code ATOMIC_MOVE}, so a reader (or a crash) never sees a half-written manifest and a failed write leaves
 * the earlier file intact. Reads validate the schema id, the version and every required field, and report
 * problems as {@link BadInputException} naming the file. Stateless; thread-safe.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestJson() {
    }

    /** The manifest as a JSON tree. */
    public static ObjectNode toTree(RunManifest m) {
        ObjectNode root = NODES.objectNode();
        root.put("schema", RunManifest.SCHEMA);
        root.put("schemaVersion", RunManifest.VERSION);
        root.put("status", m.status());
        root.put("createdBy", m.createdBy());
        RunInfo r = m.run();
        ObjectNode run = root.putObject("run");
        run.put("rootSeed", r.rootSeed());
        run.put("seedSource", r.seedSource());
        run.put("derivationVersion", r.derivationVersion());
        run.put("model", r.model());
        run.put("epochs", r.epochs());
        run.put("completedEpochs", r.completedEpochs());
        run.put("augmentThreads", r.augmentThreads());
        run.put("examples", r.examples());
        run.put("batchSize", r.batchSize());
        run.put("hashEvery", r.hashEvery());
        if (r.resumedFrom() == null) {
            run.putNull("resumedFrom");
        } else {
            run.put("resumedFrom", r.resumedFrom());
        }
        if (r.spark() == null) {
            run.putNull("spark");
        } else {
            SparkRun sp = r.spark();
            ObjectNode spark = run.putObject("spark");
            spark.put("sparkVersion", sp.sparkVersion());
            spark.put("master", sp.master());
            spark.put("partitions", sp.partitions());
            ObjectNode settings = spark.putObject("settings");
            sp.settings().forEach((k, v) -> settings.set(k, plain(v)));
        }
        root.put("configSha256", m.configSha256());
        root.set("environment", stringMap(m.environment()));
        ArrayNode streams = root.putArray("streams");
        for (StreamUse s : m.streams()) {
            ObjectNode o = streams.addObject();
            o.put("path", s.path());
            o.put("streams", s.streams());
            o.put("draws", s.draws());
            o.put("unit", s.unit());
        }
        root.set("init", stringMap(m.init()));
        ArrayNode snaps = root.putArray("snapshots");
        for (Snapshot s : m.snapshots()) {
            snaps.add(snapshot(s));
        }
        if (m.finalParams() == null) {
            root.putNull("final");
        } else {
            ObjectNode f = snapshot(m.finalParams());
            f.put("paramsSha256", m.paramsSha256());
            root.set("final", f);
        }
        root.set("configuration", m.configuration() == null ? NODES.nullNode() : m.configuration());
        return root;
    }

    /** The manifest as JSON text. */
    public static String toJson(RunManifest m) {
        try {
            return MAPPER.writeValueAsString(toTree(m)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /** Writes {@code m} to {@code file} atomically. */
    public static void write(Path file, RunManifest m) throws IOException {
        writeAtomically(file, toJson(m));
    }

    /** Writes {@code text} to {@code file} atomically ({@link AtomicFiles}). */
    public static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /**
     * Reads a manifest: {@code path} is the file or a run directory holding {@value RunManifest#FILE}.
     *
     * @throws BadInputException when it is missing, empty, not JSON, of another schema or version, or lacks a field
     */
    public static RunManifest read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunManifest.FILE) : path;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no manifest at " + file + (Files.isDirectory(path) ? " (not a run directory)" : ""));
        } catch (IOException e) {
            throw new BadInputException("cannot read manifest " + file + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new BadInputException("manifest " + file + " is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new BadInputException("manifest " + file + " is not valid JSON (truncated or corrupt)" + where);
        }
        return fromTree(root, file.toString());
    }

    /** Reads a manifest from a JSON tree; {@code source} names it in errors. */
    public static RunManifest fromTree(JsonNode root, String source) {
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) {
            throw r.bad("is not a JSON object");
        }
        String schema = r.text(root, "schema");
        if (!RunManifest.SCHEMA.equals(schema)) {
            throw r.bad("has schema '" + schema + "', expected '" + RunManifest.SCHEMA + "'");
        }
        long version = r.number(root, "schemaVersion");
        if (version != RunManifest.VERSION) {
            throw r.bad("has schema version " + version + "; this seedbank reads version " + RunManifest.VERSION
                    + (version > RunManifest.VERSION ? " (written by a newer seedbank)" : ""));
        }
        String status = r.text(root, "status");
        if (!RunManifest.STATUSES.contains(status)) {
            throw r.bad("has status '" + status + "', expected one of " + RunManifest.STATUSES);
        }
        JsonNode run = r.object(root, "run");
        JsonNode resumed = run.get("resumedFrom");
        RunInfo info = new RunInfo(r.text(run, "rootSeed"), r.text(run, "seedSource"), r.text(run, "derivationVersion"),
                r.text(run, "model"), (int) r.number(run, "epochs"), (int) r.number(run, "completedEpochs"),
                (int) r.number(run, "augmentThreads"), (int) r.number(run, "examples"), (int) r.number(run, "batchSize"),
                (int) r.number(run, "hashEvery"), resumed == null || resumed.isNull() ? null : resumed.asText(),
                r.spark(run));
        List<StreamUse> streams = new ArrayList<>();
        for (JsonNode s : r.array(root, "streams")) {
            streams.add(new StreamUse(r.text(s, "path"), r.number(s, "streams"), r.number(s, "draws"), r.text(s, "unit")));
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode s : r.array(root, "snapshots")) {
            snapshots.add(r.snapshot(s));
        }
        JsonNode fin = root.get("final");
        Snapshot finalParams = null;
        String paramsSha = null;
        if (fin != null && !fin.isNull()) {
            finalParams = r.snapshot(fin);
            paramsSha = r.text(fin, "paramsSha256");
        } else if (RunManifest.COMPLETE.equals(status)) {
            throw r.bad("is complete but has no final parameters");
        }
        JsonNode conf = root.get("configuration");
        return new RunManifest(status, r.text(root, "createdBy"), info, r.text(root, "configSha256"),
                conf == null || conf.isNull() ? null : conf, r.stringMap(root, "environment"), streams,
                r.stringMap(root, "init"), snapshots, finalParams, paramsSha);
    }

    private static ObjectNode snapshot(Snapshot s) {
        ObjectNode o = NODES.objectNode();
        o.put("kind", s.kind());
        o.put("epoch", s.epoch());
        o.put("iteration", s.iteration());
        o.put("score", s.score());
        if (s.dataSha256() != null) {
            o.put("dataSha256", s.dataSha256());
        }
        o.set("params", stringMap(s.params()));
        return o;
    }

    private static JsonNode plain(Object v) {
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            return NODES.numberNode(n.doubleValue());
        }
        return NODES.textNode(String.valueOf(v));
    }

    private static ObjectNode stringMap(Map<String, String> map) {
        ObjectNode o = NODES.objectNode();
        map.forEach(o::put);
        return o;
    }

    /** Field access with errors naming the manifest and the field. */
    private record Reader(String source) {
        BadInputException bad(String what) {
            return new BadInputException("manifest " + source + " " + what);
        }

        JsonNode field(JsonNode node, String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw bad("lacks field '" + name + "' (truncated or not a run manifest)");
            }
            return v;
        }

        String text(JsonNode node, String name) {
            JsonNode v = field(node, name);
            if (!v.isTextual()) {
                throw bad("field '" + name + "' is not a string");
            }
            return v.asText();
        }

        long number(JsonNode node, String name) {
            JsonNode v = field(node, name);
            if (!v.isIntegralNumber()) {
                throw bad("field '" + name + "' is not an integer");
            }
            return v.asLong();
        }

        double real(JsonNode node, String name) {
            JsonNode v = field(node, name);
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (v.isTextual() && (v.asText().equals("NaN") || v.asText().endsWith("Infinity"))) {
                return Double.parseDouble(v.asText());
            }
            throw bad("field '" + name + "' is not a number");
        }

        JsonNode object(JsonNode node, String name) {
            JsonNode v = field(node, name);
            if (!v.isObject()) {
                throw bad("field '" + name + "' is not an object");
            }
            return v;
        }

        JsonNode array(JsonNode node, String name) {
            JsonNode v = field(node, name);
            if (!v.isArray()) {
                throw bad("field '" + name + "' is not an array");
            }
            return v;
        }

        Map<String, String> stringMap(JsonNode node, String name) {
            JsonNode o = object(node, name);
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode()) {
                    throw bad("field '" + name + "." + e.getKey() + "' is not a plain value");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }

        /** {@code run.spark}: absent (manifests written before Spark runs) or null for a run on one JVM. */
        SparkRun spark(JsonNode run) {
            JsonNode s = run.get("spark");
            if (s == null || s.isNull()) {
                return null;
            }
            if (!s.isObject()) {
                throw bad("field 'spark' is not an object");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object(s, "settings").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                Object value;
                if (v.isBoolean()) {
                    value = v.asBoolean();
                } else if (v.isIntegralNumber()) {
                    value = v.canConvertToInt() ? (Object) v.asInt() : (Object) v.asLong();
                } else if (v.isNumber()) {
                    value = v.asDouble();
                } else if (v.isTextual()) {
                    value = v.asText();
                } else {
                    throw bad("field 'spark.settings." + e.getKey() + "' is not a plain value");
                }
                settings.put(e.getKey(), value);
            }
            return new SparkRun(text(s, "sparkVersion"), text(s, "master"), (int) number(s, "partitions"), settings);
        }

        Snapshot snapshot(JsonNode s) {
            String kind = text(s, "kind");
            if (!Snapshot.ITERATION.equals(kind) && !Snapshot.EPOCH.equals(kind)) {
                throw bad("has a snapshot of unknown kind '" + kind + "'");
            }
            JsonNode data = s.get("dataSha256");
            return new Snapshot(kind, number(s, "epoch"), number(s, "iteration"), real(s, "score"),
                    data == null || data.isNull() ? null : data.asText(), stringMap(s, "params"));
        }
    }
}
