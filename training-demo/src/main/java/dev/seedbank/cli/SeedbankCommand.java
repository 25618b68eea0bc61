package dev.seedbank.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code seedbank} command line. Bad input, and an ND4J backend that cannot start on this machine, print one
 * line to stderr and exit 2, without a stack trace. The {@code stream} and {@code derive} commands touch only rng-core, so they start fast.
 */
@Command(name = "seedbank", mixinStandardHelpOptions = true, versionProvider = SeedbankCommand.Version.class,
        description = "Reproducible random numbers for Deeplearning4j / ND4J training.",
        subcommands = {StreamCommand.class, DeriveCommand.class, InterleaveCommand.class, TrainCommand.class,
                DemoCommand.class, CompareCommand.class, VerifyCommand.class, EnvCommand.class})
public final class SeedbankCommand implements Runnable {
    /** Exit code for bad input. */
    static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command (expected one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    static int execute(String... args) {
        CommandLine cli = commandLine(new SeedbankCommand());
        try {
            return cli.execute(args);
        } catch (LinkageError e) { // ND4J's backend fails in a static initialiser, outside picocli's handler
            return badInput(cli.getErr(), BackendFailure.describe(e).orElseThrow(() -> e));
        }
    }

    /**
     * A command line for {@code command} (this one, or a subcommand run on its own) with {@code seedbank}'s
     * handling of bad input: one line on stderr and exit code {@value #EXIT_BAD_INPUT}, without a stack trace.
     */
    static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, ignored) -> badInput(e.getCommandLine().getErr(), e.getMessage()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                return badInput(commandLine.getErr(), e.getMessage());
            }
            Optional<String> backend = BackendFailure.describe(e);
            if (backend.isPresent()) {
                return badInput(commandLine.getErr(), backend.get());
            }
            throw e;
        });
        return cli;
    }

    private static int badInput(PrintWriter err, String message) {
        err.println("seedbank: " + message.lines().findFirst().orElse(message));
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** Reads the version Maven wrote into the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SeedbankCommand.class.getPackage().getImplementationVersion();
            return new String[] {"seedbank " + (v == null ? "(development build)" : v)};
        }
    }
}
