package dev.manabi.badges;

import static dev.manabi.badges.TestBadges.ADMIN_A;
import static dev.manabi.badges.TestBadges.ALICE;
import static dev.manabi.badges.TestBadges.BOB;
import static dev.manabi.badges.TestBadges.T0;
import static dev.manabi.badges.TestBadges.URLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.PlayerException;
import dev.manabi.core.Json;
import dev.manabi.core.SecretSealer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Open Badges 3.0: credentials signed with eddsa-rdfc-2022 and checked by {@link SecondVerifier}, which is first
 * checked against the vc-di-eddsa Appendix test vectors; issuer keys sealed at rest; did:web; revocation through the
 * Bitstring Status List; the credential baked into PNG and SVG (OB 3.0 5.3).
 */
class OpenBadges3Test {

    /** Our contexts plus the VC 2.0 examples context the test vectors use (test resources). */
    private static final JsonLdContexts VECTOR_CONTEXTS = new JsonLdContexts(Map.of(
            JsonLdContexts.VC_V2, "credentials-v2.jsonld",
            JsonLdContexts.OB_V3, "ob-v3p0-context-3.0.3.json",
            "https://www.w3.org/ns/credentials/examples/v2", "credentials-examples-v2.jsonld"));
    private static final SecondVerifier VERIFIER = new SecondVerifier(JsonLdContexts.INSTANCE);

    private static final String RULES = """
            {'units': [{'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'q1', 'minPercent': 80}]}],
             'badges': [{'id': 'one', 'name': {'en': 'One question', 'ja': '一問'},
                         'description': 'Scored 80 % in the one-question quiz', 'criteria': 'unit:u1'}]}
            """;

    private static String vector(String name) throws IOException {
        try (InputStream in = OpenBadges3Test.class.getResourceAsStream("/vc-di-eddsa/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothImplementationsReproduceTheSpecTestVectors() throws Exception {
        ObjectNode signed = (ObjectNode) Json.mapper().readTree(vector("signedDataInt.json"));
        JsonNode keys = Json.mapper().readTree(vector("keyPair.json"));
        String publicKey = keys.path("publicKeyMultibase").asText();
        ObjectNode unsecured = signed.deepCopy();
        unsecured.remove("proof");
        ObjectNode options = ((ObjectNode) signed.get("proof")).deepCopy();
        options.remove("proofValue");
        ObjectNode config = options.deepCopy();
        config.set("@context", unsecured.get("@context"));

        SecondVerifier second = new SecondVerifier(VECTOR_CONTEXTS);
        DataIntegrity first = new DataIntegrity(VECTOR_CONTEXTS);
        // the second verifier: canonical proof configuration, combined hash, signature
        assertThat(second.canonicalize(config)).isEqualTo(vector("proofCanonDataInt.txt"));
        assertThat(HexFormat.of().formatHex(second.hashData(unsecured, options)))
                .isEqualTo(vector("combinedHashDataInt.txt").strip());
        assertThat(second.verify(signed, publicKey)).isTrue();
        // the signer: same canonical form and hash, and (Ed25519 being deterministic) the very same proofValue
        assertThat(first.canonicalNQuads(config)).isEqualTo(vector("proofCanonDataInt.txt"));
        assertThat(first.hashData(unsecured, options)).isEqualTo(second.hashData(unsecured, options));
        ObjectNode ours = first.sign(unsecured, options.path("verificationMethod").asText(),
                java.time.Instant.parse(options.path("created").asText()),
                IssuerKeys.privateKey(SecondVerifier.ed25519Seed(keys.path("privateKeyMultibase").asText())));
        assertThat(ours).isEqualTo(signed);
        assertThat(Multibase.ed25519PublicKey(java.util.Arrays.copyOfRange(
                SecondVerifier.base58btc(publicKey), 2, 34))).isEqualTo(publicKey);

        ObjectNode tampered = signed.deepCopy();
        ((ObjectNode) tampered.get("credentialSubject")).put("alumniOf", "Another School");
        assertThat(second.verify(tampered, publicKey)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void issuedCredentialsAreSignedByTheIssuersDidWebKey(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.config.put("manabi.badges.issuer.uni-a.name", "University A");
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        t.rules("c1", RULES);
        String id = t.badges.achieved(ALICE, "c1", List.of("unit:u1")).get(0);

        ObjectNode credential = t.badges.credential(id, URLS);
        JsonNode hosted = t.badges.assertion(id, URLS).json();
        String did = "did:web:portal.example:manabi:api:badges:ob3:issuers:uni-a";
        assertThat(credential.path("@context")).hasToString(
                "[\"https://www.w3.org/ns/credentials/v2\",\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"]");
        assertThat(credential.path("type")).hasToString("[\"VerifiableCredential\",\"OpenBadgeCredential\"]");
        assertThat(credential.path("id").asText()).isEqualTo("urn:uuid:" + id);
        assertThat(credential.path("issuer").path("id").asText()).isEqualTo(did);
        assertThat(credential.path("issuer").path("name").asText()).isEqualTo("University A");
        assertThat(credential.path("validFrom").asText()).isEqualTo(T0.toString());
        JsonNode subject = credential.path("credentialSubject");
        JsonNode identity = subject.path("identifier").get(0);
        assertThat(identity.path("identityHash").asText()).isEqualTo(hosted.path("recipient").path("identity").asText())
                .isEqualTo(OpenBadges.recipientHash("alice@uni-a.example", identity.path("salt").asText()));
        assertThat(identity.path("identityType").asText()).isEqualTo("emailAddress");
        JsonNode achievement = subject.path("achievement");
        assertThat(achievement.path("id").asText()).isEqualTo(hosted.path("badge").asText());
        assertThat(achievement.path("name").asText()).isEqualTo("One question");
        assertThat(achievement.path("criteria").path("narrative").asText()).contains("u1");
        assertThat(achievement.path("image").path("id").asText()).isEqualTo(hosted.path("badge").asText() + "/image");
        JsonNode proof = credential.path("proof");
        assertThat(proof.path("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(proof.path("proofPurpose").asText()).isEqualTo("assertionMethod");

        // a verifier resolves the DID (did:web 3.2 Read) to the DID document and finds the proof's key there
        assertThat(OpenBadges3.didDocumentUrl(URLS, "uni-a"))
                .isEqualTo("https://portal.example/manabi/api/badges/ob3/issuers/uni-a/did.json");
        JsonNode didDocument = t.badges.didDocument("uni-a", URLS);
        assertThat(didDocument.path("id").asText()).isEqualTo(did);
        JsonNode method = didDocument.path("verificationMethod").get(0);
        assertThat(method.path("id").asText()).isEqualTo(proof.path("verificationMethod").asText())
                .isEqualTo(did + "#key-1");
        assertThat(method.path("type").asText()).isEqualTo("Multikey");
        assertThat(didDocument.path("assertionMethod").get(0).asText()).isEqualTo(method.path("id").asText());
        String key = method.path("publicKeyMultibase").asText();
        assertThat(key).startsWith("z6Mk");

        assertThat(VERIFIER.verify(credential, key)).isTrue();
        assertThat(t.badges.credential(id, URLS)).as("signed again: the same credential").isEqualTo(credential);
        ObjectNode tampered = credential.deepCopy();
        ((ObjectNode) tampered.path("credentialSubject").path("achievement")).put("name", "Two questions");
        assertThat(VERIFIER.verify(tampered, key)).isFalse();
        ObjectNode otherIssuer = credential.deepCopy();
        ((ObjectNode) otherIssuer.path("issuer")).put("name", "Someone else");
        assertThat(VERIFIER.verify(otherIssuer, key)).isFalse();

        // the private key is sealed at rest: not in the row in clear, and no other sealing key opens it
        String sealed = one(ds, "select private_key_sealed from manabi_badge_issuer_key where issuer_id = 'uni-a'");
        assertThat(sealed).startsWith("v1:" + TestBadges.SEALER.keyId() + ":");
        IssuerKeys other = new IssuerKeys(ds, () -> SecretSealer.ofKey(new byte[32]), () -> T0);
        assertThatThrownBy(() -> other.key("uni-a")).hasMessageContaining("unreadable");
        // a second Badges (another server) uses the same stored key
        Badges again = new Badges(ds, c -> Optional.ofNullable(t.courses.get(c)), (l, c) -> java.util.Map.of(),
                new Issuers(k -> Optional.ofNullable(t.config.get(k))), () -> TestBadges.SEALER,
                Clock.fixed(T0, ZoneOffset.UTC), new dev.manabi.core.AuditLog());
        assertThat(again.credential(id, URLS)).isEqualTo(credential);

        assertThat(catchThrowableOfType(PlayerException.class, () -> t.badges.didDocument("nobody", URLS)).status())
                .isEqualTo(404);
    }

    /**
     * The issuer's did:web DID is made from the configured public URL only: a DID from the request's Host header
     * would let a spoofed Host mint credentials under another DID, so without the setting OB 3.0 answers 503.
     */
    @Test
    void openBadges3NeedsTheConfiguredPublicUrl() {
        PlayerException missing = catchThrowableOfType(PlayerException.class,
                () -> BadgeEngine.hostedUrls(BadgeEngine.normalized(Optional.of("  "))));
        assertThat(missing.status()).isEqualTo(503);
        assertThat(missing.code()).isEqualTo("badges-public-url-required");
        assertThat(BadgeEngine.hostedUrls(BadgeEngine.normalized(Optional.of(" https://portal.example/manabi/api ")))
                .apiBase()).isEqualTo(URI.create("https://portal.example/manabi/api/"));
    }

    @Test
    void didWebNamesThePortAndPath() {
        OpenBadges.Urls local = new OpenBadges.Urls(URI.create("http://localhost:9481/manabi/api/"));
        assertThat(OpenBadges3.did(local, "platform"))
                .isEqualTo("did:web:localhost%3A9481:manabi:api:badges:ob3:issuers:platform");
        assertThat(OpenBadges3.did(URLS, "uni a")).isEqualTo(
                "did:web:portal.example:manabi:api:badges:ob3:issuers:uni%20a");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aRevokedCredentialShowsRevokedInTheSignedStatusList(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.SHARED);
        t.rules("c1", RULES);
        String alice = t.badges.achieved(ALICE, "c1", List.of("unit:u1")).get(0);
        String bob = t.badges.achieved(BOB, "c1", List.of("unit:u1")).get(0);
        JsonNode aliceCredential = t.badges.credential(alice, URLS);
        JsonNode bobCredential = t.badges.credential(bob, URLS);
        String key = t.badges.didDocument("uni-a", URLS).path("verificationMethod").get(0)
                .path("publicKeyMultibase").asText();
        int aliceIndex = aliceCredential.path("credentialStatus").path("statusListIndex").asInt();
        int bobIndex = bobCredential.path("credentialStatus").path("statusListIndex").asInt();
        assertThat(aliceIndex).isNotEqualTo(bobIndex);
        String listUrl = aliceCredential.path("credentialStatus").path("statusListCredential").asText();
        assertThat(listUrl).isEqualTo("https://portal.example/manabi/api/badges/ob3/issuers/uni-a/status/revocation");

        JsonNode before = t.badges.statusList("uni-a", URLS);
        assertThat(before.path("id").asText()).isEqualTo(listUrl);
        assertThat(before.path("type")).hasToString("[\"VerifiableCredential\",\"BitstringStatusListCredential\"]");
        assertThat(VERIFIER.verify(before, key)).isTrue();
        assertThat(SecondVerifier.statusBit(before.path("credentialSubject").path("encodedList").asText(),
                aliceIndex)).isFalse();

        t.badges.revoke(ADMIN_A, alice, "Awarded by mistake", URLS);
        JsonNode after = t.badges.statusList("uni-a", URLS);
        assertThat(VERIFIER.verify(after, key)).isTrue();
        String encoded = after.path("credentialSubject").path("encodedList").asText();
        assertThat(SecondVerifier.statusBit(encoded, aliceIndex)).as("Alice's: revoked").isTrue();
        assertThat(SecondVerifier.statusBit(encoded, bobIndex)).as("Bob's: still valid").isFalse();
        // Alice's copy still verifies as signed; its status says revoked. The OB 2.0 side answers 410 as before.
        assertThat(VERIFIER.verify(aliceCredential, key)).isTrue();
        assertThat(t.badges.assertion(alice, URLS).gone()).isTrue();
        assertThat(catchThrowableOfType(PlayerException.class, () -> t.badges.credential(alice, URLS)).status())
                .isEqualTo(410);
        // a forged list (Alice's bit cleared) does not verify
        ObjectNode forged = after.deepCopy();
        ((ObjectNode) forged.path("credentialSubject")).put("encodedList",
                before.path("credentialSubject").path("encodedList").asText());
        assertThat(VERIFIER.verify(forged, key)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void bakedImagesCarryTheSignedCredential(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        t.rules("c1", RULES);
        String id = t.badges.achieved(ALICE, "c1", List.of("unit:u1")).get(0);
        JsonNode credential = t.badges.credential(id, URLS);

        Badges.Picture png = t.badges.bakedCredential(id, BadgeArt.PNG, URLS);
        assertThat(BakingTest.openBadgesChunks(png.bytes())).as("no OB 2.0 chunk").isEmpty();
        assertThat(BakingTest.itxtChunks(png.bytes(), "openbadgecredential")).singleElement().satisfies(c -> {
            assertThat(c.isCompressed()).isFalse();
            assertThat(Json.mapper().readTree(c.getVal())).isEqualTo(credential);
        });

        Badges.Picture svg = t.badges.bakedCredential(id, BadgeArt.SVG, URLS);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.bytes()));
        NodeList found = doc.getElementsByTagNameNS("https://purl.imsglobal.org/ob/v3p0", "credential");
        assertThat(found.getLength()).isEqualTo(1);
        Element baked = (Element) found.item(0);
        assertThat(baked.getParentNode()).isSameAs(doc.getDocumentElement());
        assertThat(baked.hasAttribute("verify")).isFalse();
        assertThat(Json.mapper().readTree(baked.getTextContent())).isEqualTo(credential);

        Badges.MyBadge mine = t.badges.mine(ALICE, URLS).get(0);
        assertThat(mine.links().credential())
                .isEqualTo("https://portal.example/manabi/api/badges/ob3/credentials/" + id);
        assertThat(mine.links().credentialPng()).isEqualTo(mine.links().credential() + "/badge.png");
        assertThat(mine.links().credentialSvg()).isEqualTo(mine.links().credential() + "/badge.svg");
    }

    private static String one(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
