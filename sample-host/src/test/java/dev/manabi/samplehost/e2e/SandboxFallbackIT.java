package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.samplehost.durability.LibertyInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The documented fallback for hosts without a second host name (README "Content origin",
 * {@code manabi.content.origin=sandbox}): the same hostile package and probes as {@link HostileContentIT}, on a
 * second sample-host server in sandbox mode, where content is served on the portal's own host in a frame sandboxed
 * without {@code allow-same-origin}. Nothing may be reached there either, and the package still completes.
 */
class SandboxFallbackIT extends HostileContentIT {

    /** Runs before the inherited {@code @BeforeAll} (extensions first), so the package goes to the sandbox server. */
    @RegisterExtension
    static final SandboxServer sandbox = new SandboxServer();

    /** In sandbox mode there is no content host; instead every content response sandboxes its own document. */
    @Override
    @Test
    void theContentHostAnswersNothingButContent() throws IOException, InterruptedException {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Browser.adminUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.body()).contains("sandbox");
    }

    /** A second server of the sample host with {@code manabi.content.origin=sandbox}, the ITs pointed at it. */
    static final class SandboxServer implements BeforeAllCallback, AfterAllCallback {

        private LibertyInstance server;
        private String previous;

        @Override
        public void beforeAll(ExtensionContext context) {
            server = LibertyInstance.create("manabi-sandbox", Map.of("manabi.content.origin", "sandbox"));
            server.start();
            previous = System.getProperty("manabi.baseUrl");
            System.setProperty("manabi.baseUrl", server.baseUrl());
            System.setProperty("manabi.adminUrl", server.adminUrl());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (previous != null) {
                System.setProperty("manabi.baseUrl", previous);
            }
            System.clearProperty("manabi.adminUrl");
            if (server != null) {
                server.close();
            }
        }
    }
}
