package dev.manabi.badges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Open Badges 2.0 documents (IMS Final Release, April 2018, "Open Badges Specification" section "Data Model"),
 * as JSON-LD with the {@code https://w3id.org/openbadges/v2} context, and the hosted URLs they live at.
 */
final class OpenBadges {

    static final String CONTEXT = "https://w3id.org/openbadges/v2";
    static final String JSON_LD = "application/ld+json";

    private OpenBadges() {
    }

    /** Where the hosted documents live, below the SDK's public API base (e.g. {@code https://host/manabi/api/}). */
    record Urls(URI apiBase) {

        String issuer(String issuerId) {
            return apiBase.resolve("badges/ob2/issuers/" + segment(issuerId)).toString();
        }

        String badgeClass(String classId) {
            return apiBase.resolve("badges/ob2/classes/" + segment(classId)).toString();
        }

        String classImage(String classId) {
            return badgeClass(classId) + "/image";
        }

        String assertion(String assertionId) {
            return apiBase.resolve("badges/ob2/assertions/" + segment(assertionId)).toString();
        }

        String bakedPng(String assertionId) {
            return assertion(assertionId) + "/badge.png";
        }

        String bakedSvg(String assertionId) {
            return assertion(assertionId) + "/badge.svg";
        }

        private static String segment(String value) {
            return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** "Profile" (section Profile): the issuer; {@code url} falls back to the API base, a page of the issuer's host. */
    static ObjectNode issuer(Urls urls, Issuers.Issuer issuer) {
        ObjectNode json = document("Issuer", urls.issuer(issuer.id()));
        json.put("name", issuer.name());
        json.put("url", issuer.url().orElse(urls.apiBase().resolve("/").toString()));
        issuer.email().ifPresent(mail -> json.put("email", mail));
        return json;
    }

    /** "BadgeClass": what the badge stands for, with its criteria in words ({@code criteria.narrative}). */
    static ObjectNode badgeClass(Urls urls, String classId, String issuerId, String name, String description,
                                 String criteriaNarrative) {
        ObjectNode json = document("BadgeClass", urls.badgeClass(classId));
        json.put("name", name);
        json.put("description", description);
        json.put("image", urls.classImage(classId));
        json.putObject("criteria").put("narrative", criteriaNarrative);
        json.put("issuer", urls.issuer(issuerId));
        return json;
    }

    /**
     * "Assertion" with hosted verification ("VerificationObject": {@code type} {@code hosted}, the context's alias
     * of {@code HostedBadge}): a verifier fetches {@code id} and checks it is on the issuer's host. The recipient is
     * an "IdentityObject" of type {@code email}, hashed with the assertion's salt.
     */
    static ObjectNode assertion(Urls urls, BadgeStore.StoredAssertion a) {
        ObjectNode json = document("Assertion", urls.assertion(a.id()));
        ObjectNode recipient = json.putObject("recipient");
        recipient.put("type", "email");
        recipient.put("hashed", true);
        recipient.put("salt", a.salt());
        recipient.put("identity", a.hash());
        json.put("badge", urls.badgeClass(a.classId()));
        json.putObject("verification").put("type", "hosted");
        json.put("issuedOn", a.issuedOn().toString());
        json.put("image", urls.bakedPng(a.id()));
        return json;
    }

    /**
     * What a revoked hosted Assertion answers (with HTTP 410 Gone): OB 2.0 "Assertion" defines {@code revoked} and
     * {@code revocationReason}, and hosted verification treats a 410 with {@code "revoked": true} as revoked.
     */
    static ObjectNode revoked(Urls urls, BadgeStore.StoredAssertion a) {
        ObjectNode json = document("Assertion", urls.assertion(a.id()));
        json.put("revoked", true);
        json.put("revocationReason", a.revocationReason());
        return json;
    }

    /**
     * What a withdrawn assertion answers (with HTTP 410 Gone, as a revoked one): the earner's personal data was erased
     * or anonymized (README "Personal data"), so no recipient is left to verify against. OB 2.0 has no other way to
     * say a hosted assertion is no longer valid than {@code revoked}; the reason tells verifiers it was not the
     * badge's merit.
     */
    static ObjectNode withdrawn(Urls urls, String assertionId) {
        ObjectNode json = document("Assertion", urls.assertion(assertionId));
        json.put("revoked", true);
        json.put("revocationReason", WITHDRAWN_REASON);
        return json;
    }

    /** The revocation reason of a withdrawn assertion (shown to verifiers, in English as the hosted documents). */
    static final String WITHDRAWN_REASON = "Withdrawn by the issuer: the earner's personal data was deleted under"
            + " the issuer's data retention rules";

    private static ObjectNode document(String type, String id) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("@context", CONTEXT);
        json.put("type", type);
        json.put("id", id);
        return json;
    }

    /**
     * "IdentityObject" {@code identity} of a hashed e-mail: {@code sha256$} and the hex SHA-256 of the address
     * followed by the salt. The address is lower-cased first (mail domains are case-insensitive and verifiers
     * compare what a learner types), as common verifiers do.
     */
    static String recipientHash(String mail, String salt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((mail.trim().toLowerCase(Locale.ROOT) + salt).getBytes(StandardCharsets.UTF_8));
            return "sha256$" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
