package dev.seedbank.nd4j.training;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A network configuration as compared on resume: DL4J's configuration JSON with the training counters
 * ({@code iterationCount}, {@code epochCount}, which change as training proceeds) and the parameter-name lists
 * ({@code variables}, filled in by {@code init()}) removed at every level and
 * object keys sorted. Two configurations are "the same" when these normalised trees are equal;
 * {@link #differences} names the JSON paths where they are not. Stateless; thread-safe.
 */
public final class ConfigFingerprint {
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final List<String> VOLATILE = List.of("iterationCount", "epochCount", "variables");

    private ConfigFingerprint() {
    }

    /** The normalised configuration tree of a MultiLayerNetwork or ComputationGraph. */
    public static JsonNode normalized(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return normalized(net.getLayerWiseConfigurations());
        }
        if (model instanceof ComputationGraph graph) {
            return normalized(graph.getConfiguration());
        }
        throw new IllegalArgumentException("cannot fingerprint a " + model.getClass().getName()
                + " (expected MultiLayerNetwork or ComputationGraph)");
    }

    /** The normalised tree of a MultiLayerNetwork configuration. */
    public static JsonNode normalized(MultiLayerConfiguration conf) {
        return normalizedJson(conf.toJson());
    }

    /** The normalised tree of a ComputationGraph configuration. */
    public static JsonNode normalized(ComputationGraphConfiguration conf) {
        return normalizedJson(conf.toJson());
    }

    static JsonNode normalizedJson(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            strip(tree);
            return tree;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable network configuration JSON", e);
        }
    }

    /** SHA-256 (hex) of the normalised tree, serialised with sorted keys. */
    public static String sha256(JsonNode normalized) {
        try {
            Object sorted = MAPPER.treeToValue(normalized, Object.class);
            byte[] bytes = MAPPER.writeValueAsString(sorted).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint configuration", e);
        }
    }

    /** Up to {@code limit} differences, each {@code path: expected <a>, found <b>}. */
    public static List<String> differences(JsonNode expected, JsonNode found, int limit) {
        List<String> out = new ArrayList<>();
        diff("", expected, found, out, limit);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out, int limit) {
        if (out.size() >= limit || (a == null ? b == null : a.equals(b))) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                diff(path.isEmpty() ? n : path + "." + n, a.get(n), b.get(n), out, limit);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                diff(path + "[" + i + "]", a.get(i), b.get(i), out, limit);
            }
            return;
        }
        out.add((path.isEmpty() ? "(root)" : path) + ": checkpoint has " + show(a) + ", this run has " + show(b));
    }

    private static String show(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            o.remove(VOLATILE);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                strip(it.next().getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                strip(child);
            }
        }
    }
}
