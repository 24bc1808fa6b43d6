package dev.manabi.badges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * The Open Badges 3.0 documents (1EdTech Open Badges Specification v3.0): the {@code OpenBadgeCredential}
 * (Appendix B.1 "AchievementCredential", a W3C Verifiable Credential 2.0), its issuer's did:web DID document with
 * the Multikey verification method, and the issuer's revocation status list credential (W3C Bitstring Status List
 * v1.0). Signing is {@link DataIntegrity}'s; these only shape the JSON-LD.
 */
final class OpenBadges3 {

    static final String VC_JSON_LD = "application/vc+ld+json";
    static final String DID_JSON = "application/did+ld+json";
    static final String STATUS_PURPOSE = "revocation";

    private OpenBadges3() {
    }

    /**
     * The DID of an issuer (did:web Method Specification, 3.2 "Create": the host, a percent-encoded port, then the
     * path segments joined by {@code :}). It resolves (3.2 "Read") to {@link #didDocumentUrl}
     * URL: {@code did:web:portal.example:manabi:api:badges:ob3:issuers:uni-a} is
     * {@code https://portal.example/manabi/api/badges/ob3/issuers/uni-a/did.json}.
     */
    static String did(OpenBadges.Urls urls, String issuerId) {
        URI doc = URI.create(didDocumentUrl(urls, issuerId));
        StringBuilder did = new StringBuilder("did:web:").append(doc.getHost());
        if (doc.getPort() != -1) {
            did.append("%3A").append(doc.getPort());
        }
        String path = doc.getRawPath();
        path = path.substring(1, path.length() - "/did.json".length());
        for (String segment : path.split("/")) {
            did.append(':').append(segment.replace(":", "%3A"));
        }
        return did.toString();
    }

    static String didDocumentUrl(OpenBadges.Urls urls, String issuerId) {
        return urls.apiBase().resolve("badges/ob3/issuers/" + segment(issuerId) + "/did.json").toString();
    }

    static String verificationMethod(OpenBadges.Urls urls, IssuerKeys.PublicKey key) {
        return did(urls, key.issuerId()) + "#" + key.keyId();
    }

    static String statusListUrl(OpenBadges.Urls urls, String issuerId) {
        return urls.apiBase().resolve("badges/ob3/issuers/" + segment(issuerId) + "/status/" + STATUS_PURPOSE)
                .toString();
    }

    static String credentialUrl(OpenBadges.Urls urls, String assertionId) {
        return urls.apiBase().resolve("badges/ob3/credentials/" + segment(assertionId)).toString();
    }

    /**
     * The DID document (DID Core 1.0 section 5, with a W3C Controlled Identifiers 1.0 "Multikey" verification
     * method, 2.2.2): the key signs credentials, so it is an {@code assertionMethod} (VC Data Integrity 2.1:
     * the proof's {@code proofPurpose}).
     */
    static ObjectNode didDocument(OpenBadges.Urls urls, IssuerKeys.PublicKey key) {
        String did = did(urls, key.issuerId());
        ObjectNode json = Json.mapper().createObjectNode();
        json.putArray("@context").add("https://www.w3.org/ns/did/v1").add(JsonLdContexts.MULTIKEY_V1);
        json.put("id", did);
        ObjectNode method = json.putArray("verificationMethod").addObject();
        method.put("id", did + "#" + key.keyId());
        method.put("type", "Multikey");
        method.put("controller", did);
        method.put("publicKeyMultibase", key.publicKeyMultibase());
        json.putArray("assertionMethod").add(did + "#" + key.keyId());
        return json;
    }

    /** What the credential says about the badge, the learner and the issuer. */
    record Award(String assertionId, String classId, String issuerId, Issuers.Issuer issuer, String name,
                 String description, String criteriaNarrative, String salt, String recipientHash, Instant issuedOn,
                 int statusIndex) {
    }

    /**
     * The unsigned OpenBadgeCredential: {@code @context} VC 2.0 then OB 3.0 (OB 3.0 "AchievementCredential", VC 2.0
     * 4.3 "Contexts"), type {@code [VerifiableCredential, OpenBadgeCredential]}, the issuer's "Profile" ({@code id}
     * is its DID, so the proof's verification method is the issuer's own), {@code validFrom} the award, and an
     * "AchievementSubject" naming the learner only by an "IdentityObject" ({@code identityHash} the same salted
     * SHA-256 of the mail as the OB 2.0 assertion's, {@code identityType emailAddress}) with the "Achievement"
     * (the OB 2.0 BadgeClass's URL as its id, name, description, criteria, image). {@code credentialStatus} is
     * a BitstringStatusListEntry (Bitstring Status List 2.1) in the issuer's revocation list.
     */
    static ObjectNode credential(OpenBadges.Urls urls, Award a) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.putArray("@context").add(JsonLdContexts.VC_V2).add(JsonLdContexts.OB_V3);
        json.put("id", "urn:uuid:" + a.assertionId());
        json.putArray("type").add("VerifiableCredential").add("OpenBadgeCredential");
        json.put("name", a.name());
        ObjectNode issuer = json.putObject("issuer");
        issuer.put("id", did(urls, a.issuerId()));
        issuer.putArray("type").add("Profile");
        issuer.put("name", a.issuer().name());
        issuer.put("url", a.issuer().url().orElse(urls.apiBase().resolve("/").toString()));
        a.issuer().email().ifPresent(mail -> issuer.put("email", mail));
        json.put("validFrom", a.issuedOn().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode subject = json.putObject("credentialSubject");
        subject.putArray("type").add("AchievementSubject");
        ObjectNode identity = subject.putArray("identifier").addObject();
        identity.put("type", "IdentityObject");
        identity.put("identityHash", a.recipientHash());
        identity.put("identityType", "emailAddress");
        identity.put("hashed", true);
        identity.put("salt", a.salt());
        ObjectNode achievement = subject.putObject("achievement");
        achievement.put("id", urls.badgeClass(a.classId()));
        achievement.putArray("type").add("Achievement");
        achievement.put("name", a.name());
        achievement.put("description", a.description());
        achievement.putObject("criteria").put("narrative", a.criteriaNarrative());
        ObjectNode image = achievement.putObject("image");
        image.put("id", urls.classImage(a.classId()));
        image.put("type", "Image");
        String list = statusListUrl(urls, a.issuerId());
        ObjectNode status = json.putObject("credentialStatus");
        status.put("id", list + "#" + a.statusIndex());
        status.put("type", "BitstringStatusListEntry");
        status.put("statusPurpose", STATUS_PURPOSE);
        status.put("statusListIndex", Integer.toString(a.statusIndex()));
        status.put("statusListCredential", list);
        return json;
    }

    /**
     * The unsigned BitstringStatusListCredential (Bitstring Status List 2.2) of an issuer's revocation list, valid
     * from {@code now}: verifiers fetch it for every check, so it always says the present state.
     */
    static ObjectNode statusListCredential(OpenBadges.Urls urls, String issuerId, Instant now, int highestIndex,
                                           Collection<Integer> revoked) {
        String url = statusListUrl(urls, issuerId);
        ObjectNode json = Json.mapper().createObjectNode();
        json.putArray("@context").add(JsonLdContexts.VC_V2);
        json.put("id", url);
        json.putArray("type").add("VerifiableCredential").add("BitstringStatusListCredential");
        json.put("issuer", did(urls, issuerId));
        json.put("validFrom", now.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode subject = json.putObject("credentialSubject");
        subject.put("id", url + "#list");
        subject.put("type", "BitstringStatusList");
        subject.put("statusPurpose", STATUS_PURPOSE);
        subject.put("encodedList", StatusList.encodedList(highestIndex, revoked));
        return json;
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
