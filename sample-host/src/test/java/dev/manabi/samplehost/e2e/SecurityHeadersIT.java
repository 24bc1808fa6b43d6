package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Headers, cookies and errors over plain HTTP against the running sample host (no browser): the page policy on the
 * portal's pages, the SDK's policy on API answers and assets, the sign-in cookie of a form sign-in and none for HTTP
 * Basic, the SDK's JSON for addresses the container refuses, and no server path in an upload failure.
 */
class SecurityHeadersIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SDK_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'self'";

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + Browser.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(Browser.baseUrl() + path)).GET();
    }

    /** The policy's directives by name. */
    private static Map<String, String> directives(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String d : headers.firstValue("Content-Security-Policy").orElse("").split(";\\s*")) {
            String[] parts = d.trim().split(" ", 2);
            if (!parts[0].isEmpty()) {
                out.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return out;
    }

    @Test
    void portalPagesScriptsAndStylesCarryTheStrictPagePolicy() {
        for (String path : List.of("/index.html", "/player.html", "/preview.html", "/admin.html", "/login.html",
                "/portal.js", "/portal.css")) {
            HttpResponse<String> page = send(get(path).header("Authorization", basic("author")));
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            Map<String, String> csp = directives(page.headers());
            assertThat(csp.get("script-src")).as(path).isEqualTo("'self'");
            assertThat(csp.get("object-src")).as(path).isEqualTo("'none'");
            assertThat(csp.get("frame-ancestors")).as(path).isEqualTo("'self'");
            assertThat(csp.get("frame-src")).as(path).startsWith("'self'");
            assertThat(csp.get("style-src")).as(path).isEqualTo("'self' 'unsafe-inline'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
            if (path.endsWith(".html")) {
                // What the policy forbids must not be on the pages: inline script or handlers.
                assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                        .doesNotContainPattern("\\son[a-z]+\\s*=");
            }
        }
    }

    @Test
    void apiAnswersAndAssetsCarryTheSdkPolicy() {
        List<HttpResponse<String>> answers = List.of(
                send(get("/manabi/api/me")),
                send(get("/manabi/api/me").header("Authorization", basic("alice"))),
                send(get("/manabi/api/i18n/ja")),
                send(get("/manabi/api/courses/no-such-course").header("Authorization", basic("alice"))),
                send(get("/manabi/assets/core/manabi-player.js")),
                send(get("/manabi/assets/quiz/quiz-definition.schema.json")));
        for (HttpResponse<String> answer : answers) {
            String what = answer.request().uri().getPath() + " " + answer.statusCode();
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).hasValue(SDK_POLICY);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(what).hasValue("SAMEORIGIN");
        }
        assertThat(answers.get(0).statusCode()).isEqualTo(401);
        assertThat(answers.get(3).statusCode()).isEqualTo(404);
        assertThat(answers.get(4).headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void packageContentIsLeftToItsOwnPolicy() {
        HttpResponse<String> content = send(get("/manabi/content/no-such-package/index.html")
                .header("Authorization", basic("alice")));
        assertThat(content.headers().firstValue("Content-Security-Policy")).isNotEqualTo(java.util.Optional.of(
                SDK_POLICY));
    }

    @Test
    void aFormSignInSetsOneLaxHttpOnlySessionCookieThatSignsIn() {
        String form = "j_username=alice&j_password=" + Browser.PASSWORD + "&next="
                + URLEncoder.encode("/index.html", StandardCharsets.UTF_8);
        HttpResponse<String> signIn = send(HttpRequest.newBuilder(URI.create(Browser.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(signIn.statusCode()).isEqualTo(302);
        List<String> cookies = signIn.headers().allValues("Set-Cookie");
        assertThat(cookies).as("one sign-in cookie").hasSize(1);
        String cookie = cookies.get(0);
        List<String> attributes = List.of(cookie.toLowerCase(Locale.ROOT).split(";\\s*"));
        assertThat(attributes).contains("httponly", "samesite=lax", "path=/");
        assertThat(attributes).noneMatch(a -> a.startsWith("ltpatoken"));

        String session = cookie.split(";", 2)[0];
        HttpResponse<String> me = send(get("/manabi/api/me").header("Cookie", session));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"learnerId\":\"alice\"");
        assertThat(me.headers().allValues("Set-Cookie")).isEmpty();

        send(get("/logout").header("Cookie", session));
        assertThat(send(get("/manabi/api/me").header("Cookie", session)).statusCode())
                .as("signed out, the old cookie is worthless").isEqualTo(401);
    }

    @Test
    void httpBasicCreatesNoSessionAndNoCookie() {
        List<HttpResponse<String>> answers = List.of(
                send(get("/manabi/api/me").header("Authorization", basic("alice"))),
                send(get("/index.html").header("Authorization", basic("alice"))),
                send(get("/manabi/api/admin/learners").header("Authorization", basic("admin-a"))),
                send(HttpRequest.newBuilder(URI.create(Browser.baseUrl() + "/manabi/api/me/language"))
                        .header("Authorization", basic("bob"))
                        .DELETE()));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.request().uri().toString()).isEqualTo(200);
            assertThat(answer.headers().allValues("Set-Cookie")).as(answer.request().uri().toString()).isEmpty();
        }
    }

    /** A request sent as written, so that the container, not the client library, judges the address. */
    private record Raw(int status, Map<String, String> headers, String body) {
    }

    private static Raw raw(String target) {
        URI base = URI.create(Browser.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAccept: application/json"
                    + "\r\nAuthorization: " + basic("alice") + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] response = socket.getInputStream().readAllBytes();
            int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String[] head = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a chunked message (RFC 9112 section 7.1), trailers ignored. */
    private static byte[] dechunk(byte[] chunked) {
        var out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, crlf, at);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("malformed HTTP response");
    }

    @Test
    void addressesTheContainerRefusesAnswerTheSdksJson() throws IOException {
        for (String target : List.of("/manabi/api/courses/a%2Fb", "/manabi/api/courses/%2e%2e",
                "/manabi/api/%2e%2e/me", "/manabi/api/courses/..%2fx", "/manabi/api/courses/a%5Cb",
                "/manabi/assets/core/%2e%2e/i18n.js", "/manabi/api/courses/a%23b")) {
            Raw answer = raw(target);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).as(target).startsWith("application/json");
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.get("status").asInt()).as(target).isEqualTo(400);
            assertThat(error.get("code").asText()).as(target).isEqualTo("malformed-url");
            assertThat(error.get("message").asText()).as(target).doesNotContain("CWWWC").doesNotContain("Exception");
            assertThat(answer.headers().get("content-security-policy")).as(target).isEqualTo(SDK_POLICY);
        }
        for (String target : List.of("/manabi/no-such-thing", "/manabi/assets/core/no-such-file.js")) {
            Raw answer = raw(target);
            assertThat(answer.status()).as(target).isEqualTo(404);
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.get("code").asText()).as(target).isEqualTo("not-found");
            assertThat(answer.body()).as(target).doesNotContain("SRVE").doesNotContain("Exception");
        }
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(URI.create(Browser.baseUrl()
                + "/manabi/api/i18n/en")).method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).get("status").asInt()).isEqualTo(405);
    }

    /**
     * A NUL byte, a malformed escape, or an encoded CR/LF are refused by Open Liberty's web container while it
     * decodes the request line, before it has chosen an application: no error page, filter or server setting of
     * the application reaches them (documented in the README). What can be checked is that the refusal is a 400
     * that a JSON client can read and that reveals nothing beyond the address the client sent.
     */
    @Test
    void addressesRefusedBeforeAnyApplicationAre400WithoutDetails() throws IOException {
        for (String target : List.of("/manabi/api/courses/a%00b", "/manabi/api/courses/%zz",
                "/manabi/api/courses/a%0d%0aSet-Cookie:x=y")) {
            Raw answer = raw(target);
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.headers().get("content-type")).as(target).startsWith("application/json");
            assertThat(JSON.readTree(answer.body()).isObject()).as(target).isTrue();
            assertThat(answer.headers()).as(target).doesNotContainKey("set-cookie");
            assertThat(answer.body()).as(target).doesNotContain("Exception").doesNotContain("at com.");
        }
    }

    @Test
    void anUploadThatCannotBeStoredSaysSoWithoutTheServersPaths() throws IOException {
        // A name longer than any file system takes (255 bytes) fails while the zip is unpacked on the server.
        var zip = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("imsmanifest.xml"));
            out.write("<manifest identifier=\"m\"/>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("n".repeat(300) + ".html"));
            out.write("<html></html>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(Browser.baseUrl()
                        + "/manabi/api/packages"))
                .header("Authorization", basic("author")).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray())));
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        JsonNode error = JSON.readTree(answer.body());
        String everything = answer.body();
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(everything).as("no absolute path of the server in " + everything)
                .doesNotContainPattern("(^|[\\s(:'\"])/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/")
                .doesNotContain("wlp").doesNotContain("manabi-content").doesNotContain("staging");
    }
}
