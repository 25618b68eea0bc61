package dev.seedbank.nd4j.init;

import dev.seedbank.nd4j.fill.ArrayFills;
import dev.seedbank.rng.registry.KeyDerivation;
import dev.seedbank.rng.registry.StreamKey;
import dev.seedbank.rng.registry.StreamPath;
import dev.seedbank.rng.stream.PhiloxStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J {@link IWeightInit} that fills each parameter from its own Seedbank stream,
 * {@code init/<layer>/<paramKey>} under the root seed ({@link #streamPath}), with the scaling of the
 * DL4J scheme it replaces ({@link InitSchemes}). {@link SeededInit#apply} installs one per weight-init field
 * of every layer; the instance and its fields serialise with the network configuration's JSON.
 *
 * <h2>Keying</h2>
 * DL4J calls {@code init(fanIn, fanOut, shape, order, paramView)} without saying which layer or parameter
 * it initialises. The layer is fixed per instance (its name, or {@code layer=<index>} when it has none);
 * the parameter is recognised by where {@code paramView} starts in the network's flattened parameter
 * vector: {@link SeededInit#apply} records the layer's start ({@code layerOffset}) and each parameter's
 * start within the layer ({@code paramOffsets}, from the layer's own {@code ParamInitializer}). A view that
 * starts elsewhere (a network built from another configuration, a parameter array that is itself a view)
 * is rejected with an error, never initialised from a guessed stream.
 *
 * <h2>Versions</h2>
 * The instance records {@link KeyDerivation#VERSION}; one written by another derivation version is
 * rejected when read and when used.
 *
 * <p>Immutable; thread-safe.
 */
public final class SeededWeightInit implements IWeightInit {
    private static final long serialVersionUID = 1L;

    /** First segment of every weight-init stream path. */
    public static final String ROOT_SEGMENT = "init";
    /** Segment name of a layer without a name: {@code layer=<index>}. */
    public static final String LAYER_INDEX_SEGMENT = "layer";

    @JsonProperty("rootSeed")
    private final long rootSeed;
    @JsonProperty("derivationVersion")
    private final String derivationVersion;
    @JsonProperty("layerName")
    private final String layerName;
    @JsonProperty("layerIndex")
    private final int layerIndex;
    @JsonProperty("layerOffset")
    private final long layerOffset;
    @JsonProperty("paramOffsets")
    private final LinkedHashMap<String, Long> paramOffsets;
    @JsonProperty("scheme")
    private final IWeightInit scheme;

    /**
     * @param rootSeed the root seed
     * @param derivationVersion must be {@link KeyDerivation#VERSION}
     * @param layerName the layer's name, or null to key the layer by {@code layerIndex}
     * @param layerIndex the layer's index (MultiLayerNetwork) or vertex position (ComputationGraph)
     * @param layerOffset where the layer's parameters start in the network's flattened parameter vector
     * @param paramOffsets each parameter key and where it starts within the layer's parameters
     * @param scheme the DL4J scheme whose scaling this initialiser reproduces
     */
    @JsonCreator
    public SeededWeightInit(@JsonProperty("rootSeed") long rootSeed,
            @JsonProperty("derivationVersion") String derivationVersion,
            @JsonProperty("layerName") String layerName,
            @JsonProperty("layerIndex") int layerIndex,
            @JsonProperty("layerOffset") long layerOffset,
            @JsonProperty("paramOffsets") Map<String, Long> paramOffsets,
            @JsonProperty("scheme") IWeightInit scheme) {
        checkVersion(derivationVersion);
        if (scheme == null) {
            throw new IllegalArgumentException("seeded weight init for " + layerLabel(layerName, layerIndex)
                    + " has no scheme (expected the DL4J weight init it replaces)");
        }
        if (scheme instanceof SeededWeightInit) {
            throw new IllegalArgumentException("seeded weight init for " + layerLabel(layerName, layerIndex)
                    + " wraps another seeded weight init");
        }
        InitSchemes.checkSupported(scheme, layerLabel(layerName, layerIndex));
        this.rootSeed = rootSeed;
        this.derivationVersion = derivationVersion;
        this.layerName = layerName;
        this.layerIndex = layerIndex;
        this.layerOffset = layerOffset;
        this.paramOffsets = new LinkedHashMap<>(Objects.requireNonNull(paramOffsets, "paramOffsets"));
        this.scheme = scheme;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        checkVersion(derivationVersion);
        if (InitSchemes.isDeterministic(scheme)) {
            return scheme.init(fanIn, fanOut, shape, order, paramView);
        }
        String paramKey = paramKeyOf(paramView);
        PhiloxStream stream = StreamKey.root(rootSeed).descend(streamPath(paramKey)).stream();
        InitSchemes.fill(scheme, fanIn, fanOut, shape, paramView, stream);
        return paramView.reshape(order, shape);
    }

    /** The stream path of parameter {@code paramKey} of this layer: {@code init/<layer>/<paramKey>}. */
    public StreamPath streamPath(String paramKey) {
        return streamPath(layerName, layerIndex, paramKey);
    }

    /** {@code init/<layerName>/<paramKey>}, or {@code init/layer=<index>/<paramKey>} when the name is null. */
    public static StreamPath streamPath(String layerName, int layerIndex, String paramKey) {
        StreamPath root = StreamPath.root().child(ROOT_SEGMENT);
        StreamPath layer = layerName != null ? root.child(layerName) : root.child(LAYER_INDEX_SEGMENT, layerIndex);
        return layer.child(paramKey);
    }

    /** The parameter key whose view starts where {@code paramView} starts. */
    String paramKeyOf(INDArray paramView) {
        long relative = paramView.offset() - layerOffset;
        for (Map.Entry<String, Long> e : paramOffsets.entrySet()) {
            if (e.getValue() == relative) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("cannot tell which parameter of " + layerLabel(layerName, layerIndex)
                + " is being initialised: its view starts at offset " + relative + " of the layer's parameters, but "
                + "the configuration seeded by SeededInit.apply has parameters at " + paramOffsets
                + " (layer starting at " + layerOffset + " of the network's parameters); initialise the network "
                + "built from the seeded configuration with init() and no parameter array");
    }

    /** The root seed. */
    public long rootSeed() {
        return rootSeed;
    }

    /** The derivation version recorded with the seed. */
    public String derivationVersion() {
        return derivationVersion;
    }

    /** The layer name, or null when the layer is keyed by index. */
    public String layerName() {
        return layerName;
    }

    /** The layer index. */
    public int layerIndex() {
        return layerIndex;
    }

    /** Where the layer's parameters start in the network's flattened parameters. */
    public long layerOffset() {
        return layerOffset;
    }

    /** Parameter keys and their starts within the layer's parameters. */
    public Map<String, Long> paramOffsets() {
        return Collections.unmodifiableMap(paramOffsets);
    }

    /** The DL4J scheme this initialiser reproduces the scaling of. */
    public IWeightInit scheme() {
        return scheme;
    }

    static void checkVersion(String version) {
        if (!KeyDerivation.VERSION.equals(version)) {
            throw new IllegalArgumentException("seeded weight init was written with derivation version '" + version
                    + "' but this Seedbank derives keys with '" + KeyDerivation.VERSION
                    + "': the initial parameters would differ; re-apply SeededInit with this version");
        }
    }

    static String layerLabel(String layerName, int layerIndex) {
        return layerName != null ? "layer '" + layerName + "' (index " + layerIndex + ")" : "layer " + layerIndex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeededWeightInit w && w.rootSeed == rootSeed && w.derivationVersion.equals(derivationVersion)
                && Objects.equals(w.layerName, layerName) && w.layerIndex == layerIndex && w.layerOffset == layerOffset
                && w.paramOffsets.equals(paramOffsets) && w.scheme.equals(scheme);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rootSeed, derivationVersion, layerName, layerIndex, layerOffset, paramOffsets, scheme);
    }

    @Override
    public String toString() {
        return "SeededWeightInit[" + layerLabel(layerName, layerIndex) + ", seed " + rootSeed + ", "
                + derivationVersion + ", " + scheme + "]";
    }
}
