package dev.seedbank.record;

import dev.seedbank.nd4j.training.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.annotation.JsonPropertyOrder;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * Reads and writes {@link RunManifest}s as JSON (schema in {@code docs/manifest.md}) by Jackson data binding of
 * {@link File}, the file's layout, whose record components (and those of {@link RunInfo}, {@link SparkRun},
 * {@link StreamUse}, {@link Snapshot}) are the fields in the order they are written. Before binding, a
 * validation pass walks the same components, so a missing or mistyped field is reported as one line naming the
 * file and the field ({@link BadInputException}) instead of a binding error. Writes are atomic: the text goes to
 * a temporary file in the same directory, which is then moved over the target with {@code ATOMIC_MOVE}, so a
 * reader (or a crash) never sees a half-written manifest and a failed write leaves the earlier file intact.
 * Stateless; thread-safe.
 *
 * <p>Why one large class: the file layout records, the validation pass that walks them, reading and atomic
 * writing all follow the one schema, so a new field changes one file.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Fields that may be null or absent; every other field is required. */
    private static final Set<String> OPTIONAL = Set.of("resumedFrom", "spark", "dataSha256", "final", "configuration");

    private ManifestJson() {
    }

    /**
     * The JSON layout of a manifest file.
     *
     * @param finalParams the {@code final} object: the final snapshot with {@code paramsSha256}, or null
     */
    // the order of the components; Jackson would write the renamed one first
    @JsonPropertyOrder({"schema", "schemaVersion", "status", "createdBy", "run", "configSha256", "environment", "streams",
            "init", "snapshots", "final", "configuration"})
    record File(String schema, int schemaVersion, String status, String createdBy, RunInfo run, String configSha256,
            Map<String, String> environment, List<StreamUse> streams, Map<String, String> init,
            List<Snapshot> snapshots, @JsonProperty("final") Final finalParams, JsonNode configuration) {
        static File of(RunManifest m) {
            Snapshot f = m.finalParams();
            return new File(RunManifest.SCHEMA, RunManifest.VERSION, m.status(), m.createdBy(), m.run(),
                    m.configSha256(), m.environment(), m.streams(), m.init(), m.snapshots(),
                    f == null ? null : new Final(f.kind(), f.epoch(), f.iteration(), f.score(), f.dataSha256(),
                            f.params(), m.paramsSha256()),
                    m.configuration());
        }

        RunManifest manifest() {
            return new RunManifest(status, createdBy, run, configSha256,
                    configuration == null || configuration.isNull() ? null : configuration, environment, streams, init,
                    snapshots, finalParams == null ? null : finalParams.snapshot(),
                    finalParams == null ? null : finalParams.paramsSha256());
        }
    }

    /** The {@code final} object: a {@link Snapshot}'s fields and the whole parameter vector's fingerprint. */
    record Final(String kind, long epoch, long iteration, double score,
            @JsonInclude(JsonInclude.Include.NON_NULL) String dataSha256, Map<String, String> params, String paramsSha256) {
        Snapshot snapshot() {
            return new Snapshot(kind, epoch, iteration, score, dataSha256, params);
        }
    }

    /** The manifest as a JSON tree. */
    public static JsonNode toTree(RunManifest m) {
        return MAPPER.valueToTree(File.of(m));
    }

    /**
     * JSON text written by another Jackson (DL4J's configuration JSON, from ND4J's shaded copy) as the tree a
     * manifest holds ({@link NetworkConfig}).
     */
    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON text: " + e.getOriginalMessage(), e);
        }
    }

    /** The manifest as JSON text. */
    public static String toJson(RunManifest m) {
        try {
            return MAPPER.writeValueAsString(File.of(m)) + "\n";
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
        Validation v = new Validation(source);
        v.check(root);
        try {
            return MAPPER.treeToValue(root, File.class).manifest();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // values the validation passes but the records refuse, e.g. an epoch count beyond int
            throw v.bad("is not a run manifest (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** The validation pass: the schema id, version and status, then every field against the records' types. */
    private record Validation(String source) {
        BadInputException bad(String what) {
            return new BadInputException("manifest " + source + " " + what);
        }

        void check(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw bad("is not a JSON object");
            }
            String schema = text(root, "schema");
            if (!RunManifest.SCHEMA.equals(schema)) {
                throw bad("has schema '" + schema + "', expected '" + RunManifest.SCHEMA + "'");
            }
            long version = value(root, "schemaVersion", int.class, "schemaVersion").asLong();
            if (version != RunManifest.VERSION) {
                throw bad("has schema version " + version + "; this seedbank reads version " + RunManifest.VERSION
                        + (version > RunManifest.VERSION ? " (written by a newer seedbank)" : ""));
            }
            String status = text(root, "status");
            if (!RunManifest.STATUSES.contains(status)) {
                throw bad("has status '" + status + "', expected one of " + RunManifest.STATUSES);
            }
            fields(root, File.class, "");
            for (JsonNode s : root.get("snapshots")) {
                kind(s);
            }
            JsonNode fin = root.get("final");
            if (fin != null && !fin.isNull()) {
                kind(fin);
            } else if (RunManifest.COMPLETE.equals(status)) {
                throw bad("is complete but has no final parameters");
            }
        }

        private String text(JsonNode node, String name) {
            return value(node, name, String.class, name).asText();
        }

        private void kind(JsonNode snapshot) {
            String kind = snapshot.get("kind").asText();
            if (!Snapshot.ITERATION.equals(kind) && !Snapshot.EPOCH.equals(kind)) {
                throw bad("has a snapshot of unknown kind '" + kind + "'");
            }
        }

        /** Checks every component of {@code type} in the object {@code node} found at {@code path}. */
        private void fields(JsonNode node, Class<?> type, String path) {
            for (RecordComponent c : type.getRecordComponents()) {
                JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
                String name = renamed != null ? renamed.value() : c.getName();
                JsonNode v = node.get(name);
                if ((v == null || v.isNull()) && OPTIONAL.contains(name)) {
                    continue;
                }
                value(node, name, c.getGenericType(), path + name);
            }
        }

        /** The field {@code name} of {@code node}, checked against {@code type}; {@code path} names it in errors. */
        private JsonNode value(JsonNode node, String name, Type type, String path) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw bad("lacks field '" + name + "' (truncated or not a run manifest)");
            }
            check(v, name, type, path);
            return v;
        }

        private void check(JsonNode v, String name, Type type, String path) {
            if (type == String.class) {
                expect(v.isTextual(), name, "a string");
            } else if (type == int.class || type == long.class) {
                expect(v.isIntegralNumber(), name, "an integer");
            } else if (type == double.class) {
                expect(v.isNumber() || v.isTextual() && (v.asText().equals("NaN") || v.asText().endsWith("Infinity")),
                        name, "a number");
            } else if (type instanceof Class<?> c && c.isRecord()) {
                expect(v.isObject(), name, "an object");
                fields(v, c, path + ".");
            } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
                expect(v.isArray(), name, "an array");
                for (JsonNode element : v) {
                    check(element, name, p.getActualTypeArguments()[0], path);
                }
            } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
                expect(v.isObject(), name, "an object");
                boolean strings = p.getActualTypeArguments()[1] == String.class;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode x = e.getValue();
                    if (strings ? !x.isValueNode() : !(x.isBoolean() || x.isNumber() || x.isTextual())) {
                        throw bad("field '" + path + "." + e.getKey() + "' is not a plain value");
                    }
                }
            } else if (type != JsonNode.class) {
                throw new IllegalStateException("no validation for " + type);
            }
        }

        private void expect(boolean ok, String name, String what) {
            if (!ok) {
                throw bad("field '" + name + "' is not " + what);
            }
        }
    }
}
