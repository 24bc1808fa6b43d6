package dev.manabi.badges;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseCompleted;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.UnitCompleted;
import dev.manabi.core.AuditLog;
import dev.manabi.core.Course;
import dev.manabi.core.Json;
import dev.manabi.core.SecretSealer;
import dev.manabi.core.Sql;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Badges for completion rules (README "Badges"): declared in a course's rules, issued once per learner when their
 * criteria first hold, hosted as Open Badges 2.0 documents, baked into images, revoked by admins.
 *
 * <p>Issuing hangs on the rules' verdicts ({@code UnitCompleted}, {@code CourseCompleted}), which are recorded as
 * achievements whether or not a badge asks for them yet. A badge declared after a learner met its criteria is
 * issued on that learner's next progress in the course ({@code ProgressRecorded}), from the recorded achievements
 * and from the rules' own verdicts ({@link CourseOutcomes}: the course's completion and pass, the units awarded),
 * which also cover what was achieved before this module was installed or while recording an event failed.
 */
final class Badges {

    private static final Logger LOG = Logger.getLogger(Badges.class.getName());
    /** Longest revocation reason kept (the column's size). */
    static final int MAX_REASON = 1000;
    /** Most badges one admin list answers. */
    static final int MAX_LIST = 1000;
    /** The achievement of a unit of the rules: {@code unit:<id>}, as badge criteria name it. */
    static final String UNIT = "unit:";

    /** One badge of the learner's, with where to get it. */
    record MyBadge(String assertionId, String courseId, String badgeId, Map<String, String> name,
                   Map<String, String> description, String criteria, Instant issuedOn, boolean revoked,
                   String revocationReason, boolean recipientMailKnown, Links links) {
    }

    /**
     * The hosted assertion, the baked images and the badge class's image (which stays shown once revoked); the
     * Open Badges 3.0 credential as JSON and baked into PNG and SVG.
     */
    record Links(String assertion, String png, String svg, String image, String credential, String credentialPng,
                 String credentialSvg) {
    }

    /** A badge awarded to a member of an institution (the admins' list). */
    record Awarded(String assertionId, String learnerId, String courseId, String badgeId, Map<String, String> name,
                   Instant issuedOn, boolean revoked, String revocationReason, boolean withdrawn, Links links) {
    }

    /** A hosted document: its JSON and whether it is gone (a revoked assertion: 410). */
    record Hosted(ObjectNode json, boolean gone) {
    }

    /** Image bytes and their media type. */
    record Picture(String mediaType, byte[] bytes) {
    }

    private final DataSource ds;
    private final Function<String, Optional<Course>> courses;
    private final CourseOutcomes verdicts;
    private final Issuers issuers;
    private final IssuerKeys keys;
    private final DataIntegrity integrity = new DataIntegrity(JsonLdContexts.INSTANCE);
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final AuditLog audit;

    /**
     * @param courses  the catalog's courses by id
     * @param verdicts the completion rules' verdicts on a learner's course and its units, where rules decide them
     * @param sealer   seals the issuers' private keys (opened on first need)
     * @param audit    where revocations are audited, in their own transaction
     */

    Badges(DataSource ds, Function<String, Optional<Course>> courses,
           CourseOutcomes verdicts, Issuers issuers,
           Supplier<SecretSealer> sealer, Clock clock, AuditLog audit) {
        this.ds = ds;
        this.audit = audit;
        this.courses = courses;
        this.verdicts = verdicts;
        this.issuers = issuers;
        this.keys = new IssuerKeys(ds, sealer, clock::instant);
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ declaring

    /** Stores the badges the saved rules declare; their issuer is the owning institution, or the platform. */
    void rulesSaved(CompletionRulesSaved saved) {
        Optional<Course> course = courses.apply(saved.courseId());
        if (course.isEmpty()) {
            LOG.warning(() -> "Completion rules saved for unknown course " + saved.courseId() + "; no badges");
            return;
        }
        JsonNode rules;
        try {
            rules = Json.mapper().readTree(saved.rulesJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("completion rules are not JSON", e);
        }
        List<String> keys = new ArrayList<>();
        List<String> declarations = new ArrayList<>();
        rules.path("badges").forEach(b -> {
            keys.add(b.path("id").asText());
            declarations.add(b.toString());
        });
        Course c = course.get();
        String issuer = c.visibility() == CourseVisibility.GLOBAL ? Issuers.PLATFORM : c.ownerTenantId();
        BadgeStore.declare(ds, c.id(), c.ownerTenantId(), issuer, keys, declarations, saved.at());
    }

    // ------------------------------------------------------------------------------------------------ issuing

    /**
     * The rules said the learner achieved these ({@code unit:<id>}, {@code course-completed},
     * {@code course-passed}): recorded, then every declared badge whose criteria now hold is issued.
     */
    List<String> achieved(LearnerContext learner, String courseId, Collection<String> achievements) {
        BadgeStore.achieved(ds, learner, courseId, achievements, clock.instant());
        return issueDue(learner, courseId, Set.copyOf(achievements));
    }

    /** The rules' {@code UnitCompleted}: the achievement {@code unit:<id>}. */
    List<String> unitCompleted(UnitCompleted unit) {
        return achieved(unit.learner(), unit.courseId(), List.of(UNIT + unit.unitId()));
    }

    /** The rules' {@code CourseCompleted}: {@code course-completed}, and {@code course-passed} when it passed. */
    List<String> courseCompleted(CourseCompleted course) {
        List<String> achievements = new ArrayList<>(List.of("course-completed"));
        if (course.passed()) {
            achievements.add("course-passed");
        }
        return achieved(course.learner(), course.courseId(), achievements);
    }

    /**
     * After any progress: badges declared since the learner met their criteria. One query when the course
     * declares no badges.
     */
    List<String> progressed(LearnerContext learner, String courseId) {
        return issueDue(learner, courseId, Set.of());
    }

    private List<String> issueDue(LearnerContext learner, String courseId, Set<String> justAchieved) {
        List<BadgeStore.StoredClass> declared = BadgeStore.declaredClasses(ds, courseId);
        if (declared.isEmpty()) {
            return List.of();
        }
        Set<String> held = BadgeStore.heldClassIds(ds, learner, courseId);
        List<BadgeStore.StoredClass> open = declared.stream().filter(c -> !held.contains(c.id())).toList();
        if (open.isEmpty()) {
            return List.of();
        }
        Set<String> achievements = new HashSet<>(justAchieved);
        achievements.addAll(BadgeStore.achievements(ds, learner, courseId));
        if (open.stream().anyMatch(c -> declaration(c).criteria().startsWith(UNIT))) {
            // The rules' own awards, so a unit event this module missed (installed later, a failure while recording)
            // still issues the badge on the learner's next progress, as the course criteria do below.
            verdicts.completedUnits(learner, courseId).forEach(u -> achievements.add(UNIT + u));
        }
        Optional.ofNullable(verdicts.outcomes(learner, List.of(courseId)).get(courseId))
                .filter(CourseOutcomes.Outcome::completed).ifPresent(o -> {
            achievements.add("course-completed");
            // A course rule without a pass rule passes on completion, as CourseCompleted says.
            if (o.passed() == null || o.passed()) {
                achievements.add("course-passed");
            }
        });
        List<String> issued = new ArrayList<>();
        for (BadgeStore.StoredClass c : open) {
            String criteria = declaration(c).criteria();
            if (achievements.contains(criteria)) {
                issue(c, learner).ifPresent(issued::add);
            }
        }
        return issued;
    }

    private Optional<String> issue(BadgeStore.StoredClass c, LearnerContext learner) {
        boolean placeholder = learner.mail() == null || learner.mail().toLowerCase(Locale.ROOT).endsWith(".invalid");
        // Without a real address the host's placeholder (RFC 2606 .invalid) is hashed, so the assertion is
        // well-formed and stable, but no one can claim it by mail; "mine" says so (recipientMailKnown false).
        String mail = learner.mail() != null ? learner.mail()
                : learner.learnerId() + "@" + learner.tenant().id() + ".invalid";
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        Optional<String> id = BadgeStore.issue(ds, c.id(), learner, saltHex, OpenBadges.recipientHash(mail, saltHex),
                placeholder, clock.instant());
        id.ifPresent(i -> LOG.info(() -> "Issued badge " + c.key() + " of course " + c.courseId() + " to "
                + learner.tenant().id() + "/" + learner.learnerId() + ": assertion " + i));
        return id;
    }

    // ------------------------------------------------------------------------------------------------ lists

    List<MyBadge> mine(LearnerContext learner, OpenBadges.Urls urls) {
        List<MyBadge> out = new ArrayList<>();
        for (BadgeStore.StoredAssertion a : BadgeStore.assertionsOf(ds, learner)) {
            BadgeStore.StoredClass c = BadgeStore.badgeClass(ds, a.classId()).orElseThrow();
            BadgeDeclaration d = declaration(c);
            out.add(new MyBadge(a.id(), c.courseId(), c.key(), d.name().values(), d.description().values(),
                    d.criteria(), a.issuedOn(), a.revoked(), a.revocationReason(), !a.mailPlaceholder(),
                    links(urls, a.id(), c.id())));
        }
        return out;
    }

    /** The badges awarded to members of {@code tenantId}: its own admins, or platform admins. */
    List<Awarded> awardedIn(LearnerContext admin, String tenantId, OpenBadges.Urls urls) {
        String tenant = tenantId == null || tenantId.isBlank() ? admin.tenant().id() : tenantId;
        if (!admin.mayAdminister(tenant)) {
            throw PlayerException.forbidden("Only the institution's admins may list the badges of its members");
        }
        List<Awarded> out = new ArrayList<>();
        for (BadgeStore.StoredAssertion a : BadgeStore.assertionsIn(ds, tenant, MAX_LIST)) {
            BadgeStore.StoredClass c = BadgeStore.badgeClass(ds, a.classId()).orElseThrow();
            out.add(new Awarded(a.id(), a.learnerId(), c.courseId(), c.key(), declaration(c).name().values(),
                    a.issuedOn(), a.revoked(), a.revocationReason(), a.withdrawn(), links(urls, a.id(), c.id())));
        }
        return out;
    }

    private static Links links(OpenBadges.Urls urls, String assertionId, String classId) {
        String credential = OpenBadges3.credentialUrl(urls, assertionId);
        return new Links(urls.assertion(assertionId), urls.bakedPng(assertionId), urls.bakedSvg(assertionId),
                urls.classImage(classId), credential, credential + "/badge.png", credential + "/badge.svg");
    }

    // ------------------------------------------------------------------------------------------------ revoking

    /**
     * Revokes an assertion with a reason. Admins of the learner's institution or of the issuing institution may;
     * anyone else is told there is no such badge (404), as for other institutions' objects.
     */
    Awarded revoke(LearnerContext admin, String assertionId, String reason, OpenBadges.Urls urls) {
        if (!admin.hasRole(Role.INSTITUTION_ADMIN) && !admin.hasRole(Role.PLATFORM_ADMIN)) {
            throw PlayerException.forbidden("Only institution admins may revoke badges");
        }
        BadgeStore.StoredAssertion a = BadgeStore.assertion(ds, assertionId)
                .orElseThrow(() -> PlayerException.notFound("No badge assertion '" + assertionId + "'"));
        BadgeStore.StoredClass c = BadgeStore.badgeClass(ds, a.classId()).orElseThrow();
        if (!admin.mayAdminister(a.tenantId()) && !admin.mayAdminister(c.issuerId())) {
            throw PlayerException.notFound("No badge assertion '" + assertionId + "'");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw PlayerException.badRequest("invalid-revocation-reason",
                    "Give the reason for revoking (1-" + MAX_REASON + " characters); it is shown to verifiers");
        }
        // The revocation and its audit entry (README "Personal data": the assertion, not the learner; the entry
        // belongs to the learner's institution, whose admins read it) are stored together or not at all.
        boolean revoked = Sql.inTransaction(ds, con -> {
            if (!BadgeStore.revoke(con, assertionId, why, admin, clock.instant())) {
                return false;
            }
            audit.record(con, admin, AuditLog.Action.BADGE_REVOKED, a.tenantId(), assertionId,
                    Map.of("course", c.courseId(), "badge", c.key(), "reason", why));
            return true;
        });
        if (!revoked) {
            throw PlayerException.conflict("already-revoked", "This badge was already revoked");
        }
        BadgeStore.StoredAssertion now = BadgeStore.assertion(ds, assertionId).orElseThrow();
        return new Awarded(now.id(), now.learnerId(), c.courseId(), c.key(), declaration(c).name().values(),
                now.issuedOn(), true, now.revocationReason(), now.withdrawn(), links(urls, now.id(), c.id()));
    }

    // ------------------------------------------------------------------------------------------------ hosted

    ObjectNode issuer(String issuerId, OpenBadges.Urls urls) {
        requireIssuer(issuerId);
        return OpenBadges.issuer(urls, issuers.issuer(issuerId));
    }

    ObjectNode badgeClass(String classId, OpenBadges.Urls urls) {
        BadgeStore.StoredClass c = storedClass(classId);
        BadgeDeclaration d = declaration(c);
        UiLanguage language = language(d.name());
        return OpenBadges.badgeClass(urls, c.id(), c.issuerId(), d.name().resolve(language),
                d.description().resolve(language), narrative(c, d, language));
    }

    /** The badge's criteria in words (OB 2.0 {@code criteria.narrative}, OB 3.0 Criteria {@code narrative}). */
    private String narrative(BadgeStore.StoredClass c, BadgeDeclaration d, UiLanguage language) {
        String course = courses.apply(c.courseId()).map(k -> k.title().resolve(language)).filter(t -> !t.isBlank())
                .orElse(c.courseId());
        return d.criteria().startsWith("unit:")
                ? UiMessages.get().text(language, "badges.criteria.unit", course, d.criteria().substring(5))
                : UiMessages.get().text(language, "badges.criteria." + d.criteria(), course);
    }

    Picture classImage(String classId) {
        BadgeStore.StoredClass c = storedClass(classId);
        return declaration(c).image().map(i -> new Picture(i.mediaType(), i.bytes()))
                .orElseGet(() -> new Picture(BadgeArt.PNG, BadgeArt.png(c.id())));
    }

    /**
     * The hosted Assertion, or what a revoked one answers (OB 2.0: 410 Gone with {@code revoked}); a withdrawn one
     * (its learner's data erased, expired or anonymized) answers 410 too, without the admin's reason, which may name
     * the learner.
     */
    Hosted assertion(String assertionId, OpenBadges.Urls urls) {
        return unwithdrawn(assertionId).map(a -> a.revoked() ? new Hosted(OpenBadges.revoked(urls, a), true)
                        : new Hosted(OpenBadges.assertion(urls, a), false))
                .orElseGet(() -> new Hosted(OpenBadges.withdrawn(urls, assertionId), true));
    }

    /**
     * The badge image with the Assertion baked in. A declared SVG cannot be drawn as PNG here (no SVG renderer
     * on the server), so its PNG is the generated medal; a declared PNG is wrapped in SVG for the SVG download.
     */
    Picture baked(String assertionId, String mediaType, OpenBadges.Urls urls) {
        BadgeStore.StoredAssertion a = unrevoked(assertionId);
        return bake(storedClass(a.classId()), mediaType, Baking.Version.OB2, urls.assertion(a.id()),
                OpenBadges.assertion(urls, a).toString());
    }

    /**
     * The badge image with the signed OpenBadgeCredential baked in (OB 3.0 5.3: PNG {@code openbadgecredential},
     * SVG {@code openbadges:credential} without {@code verify}, the proof being embedded).
     */
    Picture bakedCredential(String assertionId, String mediaType, OpenBadges.Urls urls) {
        BadgeStore.StoredAssertion a = unrevoked(assertionId);
        return bake(storedClass(a.classId()), mediaType, Baking.Version.OB3, null,
                signedCredential(a, urls).toString());
    }

    /**
     * A revoked or withdrawn badge is not handed out again (410, as its hosted assertion); holders' copies show
     * revoked (the status bit is set).
     */
    private BadgeStore.StoredAssertion unrevoked(String assertionId) {
        BadgeStore.StoredAssertion a = unwithdrawn(assertionId)
                .orElseThrow(() -> new PlayerException(410, "badge-withdrawn", OpenBadges.WITHDRAWN_REASON));
        if (a.revoked()) {
            throw new PlayerException(410, "badge-revoked", "This badge was revoked: " + a.revocationReason());
        }
        return a;
    }

    private Picture bake(BadgeStore.StoredClass c, String mediaType, Baking.Version version, String verifyUrl,
                         String json) {
        Optional<BadgeDeclaration.Image> image = declaration(c).image();
        if (mediaType.equals(BadgeArt.PNG)) {
            byte[] png = image.filter(i -> i.mediaType().equals(BadgeArt.PNG)).map(BadgeDeclaration.Image::bytes)
                    .orElseGet(() -> BadgeArt.png(c.id()));
            try {
                return new Picture(BadgeArt.PNG, Baking.bakePng(png, version, json));
            } catch (Baking.NotAnImage e) {
                LOG.warning(() -> "Badge " + c.id() + " has an unusable PNG (" + e.getMessage() + "); baked the default");
                return bakedDefaultPng(c, version, json);
            }
        }
        byte[] svg = image.map(i -> i.mediaType().equals(BadgeArt.SVG) ? i.bytes() : wrap(i.bytes()))
                .orElseGet(() -> BadgeArt.svg(c.id()).getBytes(StandardCharsets.UTF_8));
        try {
            return new Picture(BadgeArt.SVG, Baking.bakeSvg(svg, version, verifyUrl, json)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (Baking.NotAnImage e) {
            LOG.warning(() -> "Badge " + c.id() + " has an unusable SVG (" + e.getMessage() + "); baked the default");
            try {
                return new Picture(BadgeArt.SVG, Baking.bakeSvg(BadgeArt.svg(c.id()).getBytes(StandardCharsets.UTF_8),
                        version, verifyUrl, json).getBytes(StandardCharsets.UTF_8));
            } catch (Baking.NotAnImage impossible) {
                throw new IllegalStateException("the generated SVG does not parse", impossible);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ OB 3.0

    /** The signed OpenBadgeCredential of an assertion (410 once revoked, as {@link #baked}). */
    ObjectNode credential(String assertionId, OpenBadges.Urls urls) {
        return signedCredential(unrevoked(assertionId), urls);
    }

    /**
     * Signs the credential afresh: every input is stored (the award, its status index, the issuer's key) and Ed25519
     * is deterministic (RFC 8032 5.1.6), with {@code created} the award's time, so each download is the same
     * credential with the same proof; nothing signed needs keeping.
     */
    private ObjectNode signedCredential(BadgeStore.StoredAssertion a, OpenBadges.Urls urls) {
        BadgeStore.StoredClass c = storedClass(a.classId());
        BadgeDeclaration d = declaration(c);
        UiLanguage language = language(d.name());
        IssuerKeys.IssuerKey key = keys.key(c.issuerId());
        int index = BadgeStore.statusIndex(ds, a.id(), c.issuerId());
        ObjectNode unsigned = OpenBadges3.credential(urls, new OpenBadges3.Award(a.id(), c.id(), c.issuerId(),
                issuers.issuer(c.issuerId()), d.name().resolve(language), d.description().resolve(language),
                narrative(c, d, language), a.salt(), a.hash(), a.issuedOn(), index));
        return integrity.sign(unsigned, verificationMethod(urls, key), a.issuedOn(), key.privateKey());
    }

    /** The issuer's did:web DID document with its Multikey verification method (its key made on first need). */
    ObjectNode didDocument(String issuerId, OpenBadges.Urls urls) {
        requireIssuer(issuerId);
        IssuerKeys.IssuerKey key = keys.key(issuerId);
        return OpenBadges3.didDocument(urls, new IssuerKeys.PublicKey(issuerId, key.keyId(),
                key.publicKeyMultibase()));
    }

    /** The issuer's revocation list as a signed BitstringStatusListCredential, as of now. */
    ObjectNode statusList(String issuerId, OpenBadges.Urls urls) {
        requireIssuer(issuerId);
        IssuerKeys.IssuerKey key = keys.key(issuerId);
        Instant now = clock.instant();
        ObjectNode unsigned = OpenBadges3.statusListCredential(urls, issuerId, now,
                BadgeStore.highestStatusIndex(ds, issuerId), BadgeStore.revokedStatusIndexes(ds, issuerId));
        return integrity.sign(unsigned, verificationMethod(urls, key), now, key.privateKey());
    }

    private static String verificationMethod(OpenBadges.Urls urls, IssuerKeys.IssuerKey key) {
        return OpenBadges3.verificationMethod(urls, new IssuerKeys.PublicKey(key.issuerId(), key.keyId(),
                key.publicKeyMultibase()));
    }

    private void requireIssuer(String issuerId) {
        if (!BadgeStore.issuerKnown(ds, issuerId)) {
            throw PlayerException.notFound("No badge issuer '" + issuerId + "'");
        }
    }

    private static Picture bakedDefaultPng(BadgeStore.StoredClass c, Baking.Version version, String json) {
        try {
            return new Picture(BadgeArt.PNG, Baking.bakePng(BadgeArt.png(c.id()), version, json));
        } catch (Baking.NotAnImage impossible) {
            throw new IllegalStateException("the generated PNG does not parse", impossible);
        }
    }

    /** An SVG showing a PNG (the declared one), so a PNG-only badge has an SVG download too. */
    private static byte[] wrap(byte[] png) {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + BadgeArt.SIZE + "\" height=\"" + BadgeArt.SIZE
                + "\"><image href=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png)
                + "\" width=\"" + BadgeArt.SIZE + "\" height=\"" + BadgeArt.SIZE + "\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private BadgeStore.StoredClass storedClass(String classId) {
        return BadgeStore.badgeClass(ds, classId)
                .orElseThrow(() -> PlayerException.notFound("No badge class '" + classId + "'"));
    }

    /**
     * The assertion, or empty when it was withdrawn: its learner's data anonymized (the row kept without recipient)
     * or erased or expired (only the id kept); 404 when there never was one.
     */
    private Optional<BadgeStore.StoredAssertion> unwithdrawn(String assertionId) {
        Optional<BadgeStore.StoredAssertion> stored = BadgeStore.assertion(ds, assertionId);
        if (stored.map(BadgeStore.StoredAssertion::withdrawn)
                .orElseGet(() -> BadgeStore.erasedWithdrawn(ds, assertionId))) {
            return Optional.empty();
        }
        return Optional.of(stored
                .orElseThrow(() -> PlayerException.notFound("No badge assertion '" + assertionId + "'")));
    }

    private static BadgeDeclaration declaration(BadgeStore.StoredClass c) {
        try {
            return BadgeDeclaration.parse(Json.mapper().readTree(c.declaration()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored badge declaration is not JSON: " + c.id(), e);
        }
    }

    /** The language a badge's hosted documents speak: English when given (or untagged), else its first UI language. */
    private static UiLanguage language(LocalizedText name) {
        if (name.values().containsKey("en") || name.values().containsKey("x-none")) {
            return UiLanguage.EN;
        }
        return name.values().keySet().stream().map(UiLanguage::ofTag).flatMap(Optional::stream).findFirst()
                .orElse(UiLanguage.EN);
    }
}
