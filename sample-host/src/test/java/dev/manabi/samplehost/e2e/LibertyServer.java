package dev.manabi.samplehost.e2e;

import dev.manabi.samplehost.durability.LibertyInstance;

/** Stops and starts the Liberty server that the build started for the ITs, as an operator would. */
final class LibertyServer {

    private LibertyServer() {
    }

    /** Restarts the server and returns once {@code /health/ready} answers 200 again. */
    static void restart() {
        LibertyInstance server = LibertyInstance.itServer(Browser.baseUrl());
        server.stop();
        server.start();
    }
}
