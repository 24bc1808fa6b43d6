package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alice passes a one-question quiz in Chromium, finds the badge its rules award on "my badges" and downloads it;
 * the PNG's {@code openbadges} chunk is the Assertion the public hosted URL answers, without sign-in, and her
 * address matches its hashed recipient. Once her institution's admin revokes it, the hosted Assertion answers 410
 * and the page shows the reason.
 */
class BadgesIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    /** The text of the first {@code iTXt} chunk with keyword {@code openbadges} (PNG chunk layout, by hand). */
    private static String openBadgesChunk(byte[] png) throws IOException {
        return itxtChunk(png, "openbadges");
    }

    /** The text of the first {@code iTXt} chunk with {@code keyword}, uncompressed, empty language and translation. */
    private static String itxtChunk(byte[] png, String keyword) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
        in.skipNBytes(8);
        while (true) {
            int length = in.readInt();
            String type = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
            byte[] data = in.readNBytes(length);
            in.readInt();
            String prefix = keyword + "\0\0\0\0\0";
            if (type.equals("iTXt") && new String(data, 0, Math.min(data.length, prefix.length()),
                    StandardCharsets.ISO_8859_1).equals(prefix)) {
                return new String(data, prefix.length(), data.length - prefix.length(), StandardCharsets.UTF_8);
            }
            if (type.equals("IEND")) {
                throw new AssertionError("no " + keyword + " chunk");
            }
        }
    }

    private static HttpResponse<String> anonymous(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Alice, in English, opens the course in Chromium and passes its one true-false question ("Try again" when an
     * earlier run of the IT server's lasting database left her an attempt).
     */
    private static Page alicePasses(String courseId, String questionId) {
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"en\"}");
        Page page = browser.signIn("alice", "en-US");
        page.navigate("/player.html?course=" + courseId);
        Locator quiz = page.locator("manabi-quiz-player");
        quiz.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(java.util.regex.Pattern.compile("^(Start the quiz|Try again|Continue the quiz)$"))).click();
        quiz.locator("fieldset[data-question=" + questionId + "]").getByLabel("True").check();
        QuizIT.submit(quiz, "Submit answers");
        assertThat(quiz.locator(".result")).hasAttribute("data-passed", "true");
        return page;
    }

    @Test
    void aliceEarnsDownloadsAndLosesABadge() throws Exception {
        String quizId = "e2e-badge-" + UUID.randomUUID().toString().substring(0, 8);
        // the IT server's database outlives a run: the badge id is this run's own
        String badgeId = "mfa-" + quizId.substring("e2e-badge-".length());
        Api.Reply imported = Api.as("author").postJson("/manabi/api/quizzes", """
                {"id": "%s", "title": {"en": "Badge quiz", "ja": "バッジのテスト"},
                 "settings": {"passThreshold": {"percent": 80}},
                 "questions": [{"id": "mfa", "type": "true-false", "correct": true,
                   "prompt": {"en": "A second factor protects a leaked password.", "ja": "第二の要素は漏えいしたパスワードを守る。"}}]}
                """.formatted(quizId));
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        String courseId = imported.json().get("courseId").asText();
        Api.Reply rules = Api.as("author").putJson("/manabi/api/courses/" + courseId + "/completion-rules", """
                {"units": [{"id": "u1", "when": [{"type": "quiz", "quiz": "%s", "minPercent": 80}]}],
                 "badges": [{"id": "%s", "name": {"en": "Second factor", "ja": "二要素認証"},
                             "description": "Knows what a second factor is for", "criteria": "unit:u1"}]}
                """.formatted(quizId, badgeId));
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);

        Page page = alicePasses(courseId, "mfa");

        page.navigate("/index.html");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My badges")).click();
        Locator badge = page.locator("manabi-my-badges li[data-badge=" + badgeId + "]");
        assertThat(badge.getByRole(AriaRole.HEADING)).hasText("Second factor");
        Download download = page.waitForDownload(() -> badge.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download “Second factor” as PNG").setExact(true)).click());
        byte[] png = Files.readAllBytes(download.path());
        JsonNode baked = JSON.readTree(openBadgesChunk(png));

        HttpResponse<String> hosted = anonymous(baked.get("id").asText());
        assertThat(hosted.statusCode()).isEqualTo(200);
        assertThat(hosted.headers().firstValue("Content-Type").orElse("")).startsWith("application/ld+json");
        assertThat(JSON.readTree(hosted.body())).isEqualTo(baked);
        assertThat(baked.get("@context").asText()).isEqualTo("https://w3id.org/openbadges/v2");
        String salt = baked.at("/recipient/salt").asText();
        String hash = "sha256$" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("alice@univ-a.example" + salt).getBytes(StandardCharsets.UTF_8)));
        assertThat(baked.at("/recipient/identity").asText()).isEqualTo(hash);
        JsonNode badgeClass = JSON.readTree(anonymous(baked.get("badge").asText()).body());
        assertThat(badgeClass.get("name").asText()).isEqualTo("Second factor");
        assertThat(anonymous(badgeClass.get("issuer").asText()).statusCode()).isEqualTo(200);

        String assertionId = null;
        for (JsonNode mine : Api.as("alice").get("/manabi/api/badges/mine").json()) {
            if (mine.get("courseId").asText().equals(courseId)) {
                assertionId = mine.get("assertionId").asText();
            }
        }
        assertThat(baked.get("id").asText()).endsWith("/badges/ob2/assertions/" + assertionId);
        assertThat(Api.as("admin-b").postJson("/manabi/api/badges/assertions/" + assertionId + "/revoke",
                "{\"reason\": \"not ours\"}").status()).isEqualTo(404);
        Api.Reply revoked = Api.as("admin-a").postJson("/manabi/api/badges/assertions/" + assertionId + "/revoke",
                "{\"reason\": \"Awarded in error\"}");
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        HttpResponse<String> gone = anonymous(baked.get("id").asText());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(gone.body()).get("revoked").asBoolean()).isTrue();
        assertThat(JSON.readTree(gone.body()).get("revocationReason").asText()).isEqualTo("Awarded in error");

        page.reload();
        assertThat(page.locator("manabi-my-badges li[data-badge=" + badgeId + "] .revoked"))
                .hasText("Revoked: Awarded in error");
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
        page.context().close();
    }

    /**
     * The seeded one-question course (sample host demo data, README "Demo"): Alice passes "Spot the phishing" in
     * Chromium and downloads the "Phishing spotter" badge twice over: the Open Badges 2.0 PNG (its chunk the hosted
     * Assertion) and the Open Badges 3.0 credential, whose JSON equals the one baked into the OB 3.0 PNG, whose proof
     * names the key of the issuer's did:web document, and whose status list (public, signed) says it is not revoked.
     * The proof itself is verified by a second implementation in the badges module's OpenBadges3Test.
     */
    @Test
    void aliceEarnsTheSeededBadgeAsOpenBadges2And3() throws Exception {
        String courseId = null;
        for (JsonNode course : Api.as("alice").get("/manabi/api/courses").json()) {
            for (JsonNode part : course.path("components")) {
                if (part.path("kind").asText().equals("quiz") && part.path("ref").asText().equals("phishing-check")) {
                    courseId = course.path("id").asText();
                }
            }
        }
        assertThat(courseId).as("the seeded one-question badge course").isNotNull();

        Page page = alicePasses(courseId, "sender");

        page.navigate("/badges.html");
        Locator badge = page.locator("manabi-my-badges li[data-badge=phishing-spotter]");
        assertThat(badge.getByRole(AriaRole.HEADING)).hasText("Phishing spotter");
        byte[] ob2Png = Files.readAllBytes(page.waitForDownload(() -> badge.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download “Phishing spotter” as PNG").setExact(true))
                .click()).path());
        JsonNode assertion = JSON.readTree(openBadgesChunk(ob2Png));
        assertThat(JSON.readTree(anonymous(assertion.get("id").asText()).body())).isEqualTo(assertion);

        byte[] json = Files.readAllBytes(page.waitForDownload(() -> badge.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download “Phishing spotter” as JSON (Open Badges 3.0)"))
                .click()).path());
        JsonNode credential = JSON.readTree(json);
        byte[] ob3Png = Files.readAllBytes(page.waitForDownload(() -> badge.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download “Phishing spotter” as PNG (Open Badges 3.0)"))
                .click()).path());
        assertThat(JSON.readTree(itxtChunk(ob3Png, "openbadgecredential"))).isEqualTo(credential);

        assertThat(credential.get("type").toString()).isEqualTo("[\"VerifiableCredential\",\"OpenBadgeCredential\"]");
        assertThat(credential.at("/credentialSubject/achievement/name").asText()).isEqualTo("Phishing spotter");
        assertThat(credential.at("/credentialSubject/achievement/id").asText())
                .isEqualTo(assertion.get("badge").asText());
        assertThat(credential.at("/credentialSubject/identifier/0/identityHash").asText())
                .isEqualTo(assertion.at("/recipient/identity").asText());
        assertThat(credential.at("/proof/cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        // did:web (3.2 Read): did:web:host%3Aport:manabi:api:...:issuers:univ-a -> https://host:port/.../did.json;
        // the IT server answers http on its own port, so the test reads the same path there
        String did = credential.at("/issuer/id").asText();
        assertThat(did).startsWith("did:web:").endsWith(":badges:ob3:issuers:univ-a");
        String didPath = "/" + String.join("/", java.util.Arrays.asList(did.split(":")).subList(3,
                did.split(":").length)) + "/did.json";
        String base = assertion.get("id").asText().substring(0, assertion.get("id").asText().indexOf("/manabi/"));
        HttpResponse<String> didDocument = anonymous(base + didPath);
        assertThat(didDocument.statusCode()).isEqualTo(200);
        JsonNode method = JSON.readTree(didDocument.body()).at("/verificationMethod/0");
        assertThat(method.get("id").asText()).isEqualTo(credential.at("/proof/verificationMethod").asText());
        assertThat(method.get("type").asText()).isEqualTo("Multikey");
        HttpResponse<String> status = anonymous(credential.at("/credentialStatus/statusListCredential").asText());
        assertThat(status.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(status.body());
        assertThat(list.at("/proof/verificationMethod").asText()).isEqualTo(method.get("id").asText());
        int index = credential.at("/credentialStatus/statusListIndex").asInt();
        byte[] bits;
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(java.util.Base64.getUrlDecoder()
                .decode(list.at("/credentialSubject/encodedList").asText().substring(1))))) {
            bits = in.readAllBytes();
        }
        assertThat(bits[index / 8] & (0x80 >>> (index % 8))).as("not revoked").isZero();
        Api.as("alice").putJson("/manabi/api/me/language", "{\"language\":\"ja\"}");
        page.context().close();
    }
}
