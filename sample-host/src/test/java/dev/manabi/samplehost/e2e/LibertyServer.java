package dev.manabi.samplehost.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Stops and starts the Liberty server that the build started for the ITs, as an operator would. */
final class LibertyServer {

    private LibertyServer() {
    }

    /** Restarts the server and returns once {@code /health/ready} answers 200 again. */
    static void restart() {
        Path script = Path.of(System.getProperty("manabi.liberty.script", "target/liberty/wlp/bin/server"));
        String name = System.getProperty("manabi.liberty.server", "manabi-it");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("Liberty server script not found at " + script.toAbsolutePath());
        }
        run(List.of(script.toString(), "stop", name));
        run(List.of(script.toString(), "start", name));
        awaitReady(Duration.ofMinutes(3));
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> env = builder.environment();
            env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(command + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    private static void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(Browser.baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
        throw new IllegalStateException("server not ready within " + timeout);
    }
}
