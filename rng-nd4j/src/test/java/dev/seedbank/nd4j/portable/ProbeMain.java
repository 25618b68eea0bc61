package dev.seedbank.nd4j.portable;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run of the portability evidence in its own JVM: {@code ProbeMain MODEL EPOCHS MODE [SEED]} with
 * MODE {@code portable} or {@code machine}. Prints one line {@code RESULT model=M mode=X fingerprint=SHA256
 * key=value...} (the settings in force) and exits 0; bad arguments exit 2 with one line. {@code ProbeMain late}
 * loads ND4J before enabling portable mode, {@code ProbeMain switch} chooses machine-specific mode first; both
 * print {@code ERROR message} or {@code ENABLED settings}.
 */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("late") || args[0].equals("switch"))) {
            try {
                if (args[0].equals("late")) {
                    org.nd4j.linalg.factory.Nd4j.create(1);
                } else {
                    PortableMode.machineSpecific();
                }
                PortableMode.enable();
                System.out.println("ENABLED " + PortableMode.inForce());
            } catch (IllegalStateException e) {
                System.out.println("ERROR " + e.getMessage());
            }
            System.exit(0);
        }
        if (args.length < 3 || !ProbeNets.MODELS.contains(args[0])
                || !(args[2].equals("portable") || args[2].equals("machine"))) {
            System.err.println("usage: ProbeMain mlp|cnn|lenet EPOCHS portable|machine [SEED] | ProbeMain late|switch");
            System.exit(2);
        }
        if (args[2].equals("portable")) {
            PortableMode.enable();
        } else {
            PortableMode.machineSpecific();
        }
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 5;
        INDArray params = ProbeNets.train(args[0], seed, Integer.parseInt(args[1]));
        StringBuilder line = new StringBuilder("RESULT model=").append(args[0]).append(" mode=").append(args[2])
                .append(" fingerprint=").append(ProbeNets.fingerprint(params));
        for (Map.Entry<String, String> e : PortableMode.inForce().asMap().entrySet()) {
            line.append(' ').append(e.getKey()).append('=').append(e.getValue().replace(' ', '_'));
        }
        System.out.println(line);
        System.exit(0);
    }
}
