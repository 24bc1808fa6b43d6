package dev.manabi.samplehost.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** The sample host's REST API as one demo user, over HTTP Basic, for test set-up and assertions. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String authorization;
    private final String origin;

    private Api(String authorization, String origin) {
        this.authorization = authorization;
        this.origin = origin;
    }

    public static Api as(String user) {
        return new Api("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + Browser.PASSWORD).getBytes(StandardCharsets.UTF_8)), null);
    }

    /** The same user's requests as a browser page of {@code origin} would send them (with an Origin header). */
    public Api from(String origin) {
        return new Api(authorization, origin);
    }

    /** An anonymous GET of the server's own endpoints ({@code /health}, {@code /openapi}) on its admin port. */
    public static Reply admin(String path) {
        return send(HttpRequest.newBuilder(URI.create(Browser.adminUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").GET().build());
    }

    /** A response: status and parsed JSON body (null when the body is not JSON). */
    public record Reply(int status, JsonNode json, String text) {
    }

    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    public Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE().build());
    }

    public Reply postFile(String path, Path file, String contentType) {
        try {
            return send(request(path).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As an HTML form with {@code <input type="file" name="file">} sends it (RFC 7578). */
    public Reply postForm(String path, Path file) {
        String boundary = "manabi-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/zip\r\n\r\n";
        try {
            var body = new ByteArrayOutputStream();
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(Files.readAllBytes(file));
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(Browser.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                .header("Accept", "application/json");
        return origin == null ? b : b.header("Origin", origin);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
