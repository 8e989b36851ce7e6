package io.verilock.service;

/**
 * A server process with the scripted analyzer (ScriptedFaces) in place of the ONNX models, for tests that stream
 * active captures through server processes they can kill -9 (ClusterTest); otherwise {@link VerilockServer#main}.
 */
final class ScriptedServerMain {
    private ScriptedServerMain() {}

    public static void main(String[] args) {
        VerilockServer server = VerilockServer.start(Config.fromEnv(), TestHooks.scripted(ScriptedFaces.Analyzer::new));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "verilock-shutdown"));
    }
}
