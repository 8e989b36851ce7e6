package io.verilock.cli;

import io.verilock.engine.model.MiniFasNetModel;
import io.verilock.engine.model.ModelStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `verilock models fetch [--to DIR]` and `verilock models status`: the downloaded anti-spoofing model files. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The anti-spoofing model files (MiniFASNet, Apache-2.0), fetched from their pinned public address "
                + "and verified by sha256.",
        subcommands = {ModelsCommand.Fetch.class, ModelsCommand.Status.class})
final class ModelsCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Before a command analyses faces: the model files are fetched on first use (unless VERILOCK_MODELS_FETCH=false);
     * when they cannot be had, one line on stderr says which file is missing and how to provide it.
     */
    static void prepare() {
        String missing = ModelStore.fromEnvironment().prepare(ModelStore.fetchAllowed());
        if (missing != null) System.err.println("verilock: " + missing);
    }

    private static ModelStore store(Path to) {
        ModelStore env = ModelStore.fromEnvironment();
        if (to == null) return env;
        return new ModelStore(to, null, System.getenv().getOrDefault("VERILOCK_MODELS_URL", MiniFasNetModel.PUBLIC_BASE));
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download the files where missing and verify them (an existing verified file is kept; a "
                    + "corrupted one is replaced). With --to DIR, prepare DIR for an air-gapped machine: copy it there "
                    + "and set VERILOCK_MODELS_DIR to it.")
    static final class Fetch implements Callable<Integer> {
        @Option(names = "--to", paramLabel = "DIR", description = "Folder to fill (default: VERILOCK_MODELS_DIR, else ~/.cache/verilock/minifasnet).")
        Path to;

        @Override
        public Integer call() {
            ModelStore store = store(to);
            try {
                for (MiniFasNetModel m : MiniFasNetModel.values()) {
                    Path p = store.ensure(m);
                    System.out.println("ok " + p + " sha256 " + m.sha256());
                }
                return 0;
            } catch (IOException e) {
                System.err.println("verilock models fetch: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the files are present and verified, without using the network.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelStore store = ModelStore.fromEnvironment();
            var missing = store.missing();
            if (missing.isEmpty()) {
                System.out.println("ok: every anti-spoofing model file verified in " + store.dir());
                return 0;
            }
            System.err.println(store.missingMessage(missing));
            return 1;
        }
    }
}
