package io.verilock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of `./verilock`: one subcommand per product task. */
@Command(name = "verilock", mixinStandardHelpOptions = true, version = "verilock 0.1.0",
        description = "Self-hosted identity verification with face liveness.",
        subcommands = {AnalyzeCommand.class, BenchCommand.class, LivenessCommand.class, EvalCommand.class,
                SimulateCommand.class, ServeCommand.class, AdminCommand.class, LoadTestCommand.class,
                MatchCommand.class, DocumentCommand.class, ModelsCommand.class, ProbeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests drive it directly. Invalid usage exits with status 2. */
    public static CommandLine commandLine() {
        // picocli exits with 2 on invalid usage; enum options (--full-range) take any case
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The command line with a substitute face analyzer for the liveness commands (tests, offline tools). */
    public static CommandLine commandLine(AnalyzerFactory analyzers) {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == LivenessCommand.class) return type.cast(new LivenessCommand(analyzers));
                if (type == EvalCommand.class) return type.cast(new EvalCommand(analyzers));
                if (type == SimulateCommand.class) return type.cast(new SimulateCommand(analyzers));
                return fallback.create(type);
            }
        });
    }
}
