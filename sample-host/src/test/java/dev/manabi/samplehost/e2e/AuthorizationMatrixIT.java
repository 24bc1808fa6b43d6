package dev.manabi.samplehost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the SDK's API, as the running sample host's OpenAPI document lists them, called by six
 * identities (anonymous, a learner, another institution's learner, an author, an institution admin, a platform
 * admin) on objects of their own institution and of the other one. What each may do is written once, in
 * {@link #RULES}; an operation the document lists without a rule fails the test, so a new endpoint cannot ship
 * unclassified. Every cell is checked before the test fails, and {@code target/authz-matrix.md} keeps the counts
 * and the violations.
 *
 * <p>"Own" objects belong to the caller's institution (for attempts: the caller's own attempt), "foreign" ones to
 * the other institution (for attempts: a learner's of the other institution). Objects of University A are made by
 * {@code author} and {@code admin-a}, those of University B by {@code author-b} and {@code admin-b}. Calls that
 * change something send bodies that succeed for an allowed identity and either change nothing lasting (sharing and
 * rules are put back as they were) or work on objects made for the purpose.
 */
class AuthorizationMatrixIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/manabi/api";
    private static final Path DEMO_BOOK = Path.of("src/main/demo/book");
    private static final String ITEM = "item-1";
    private static final String TOPIC = "passwords";
    private static final String SUBTITLE = "subtitles/passwords.en.vtt";

    // ------------------------------------------------------------------------------------------------ who

    /** What an identity holds; every signed-in identity is a learner. */
    enum Role { AUTHOR, INSTITUTION_ADMIN, PLATFORM_ADMIN }

    enum Identity {
        ANONYMOUS(null, null),
        LEARNER("alice", "A"),
        OTHER_TENANT_LEARNER("bob", "B"),
        AUTHOR("author", "A", Role.AUTHOR),
        INSTITUTION_ADMIN("admin-a", "A", Role.INSTITUTION_ADMIN),
        PLATFORM_ADMIN("root", "A", Role.AUTHOR, Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);

        final String user;
        final String tenant;
        final Set<Role> roles;

        Identity(String user, String tenant, Role... roles) {
            this.user = user;
            this.tenant = tenant;
            this.roles = Set.of(roles);
        }
    }

    /** Who an operation admits, by role (before looking at whose object it is). */
    enum Admits {
        EVERYONE, MEMBERS, AUTHORS, EDITORS, ADMINS, PLATFORM_ADMINS;

        boolean admits(Identity who) {
            return switch (this) {
                case EVERYONE, MEMBERS -> true;
                case AUTHORS -> who.roles.contains(Role.AUTHOR) || who.roles.contains(Role.PLATFORM_ADMIN);
                case EDITORS -> !who.roles.isEmpty();
                case ADMINS -> who.roles.contains(Role.INSTITUTION_ADMIN) || who.roles.contains(Role.PLATFORM_ADMIN);
                case PLATFORM_ADMINS -> who.roles.contains(Role.PLATFORM_ADMIN);
            };
        }
    }

    /** What an object of the other institution gives a caller who is not a platform admin. */
    enum Foreign {
        /** The operation works on no object of an institution. */
        UNSCOPED,
        /** 404, as if it did not exist. */
        HIDDEN,
        /** 403: the caller names the other institution itself (a tenant parameter). */
        FORBIDDEN,
        /** 404 for everyone, platform admins included: another learner's attempt. */
        PRIVATE
    }

    enum Scope { NONE, OWN, FOREIGN }

    /**
     * One operation's rule: who is admitted; whether a caller without the role gets 403 even for a foreign object
     * (the role is checked before the object is looked up); what a foreign object gives; and how to call it.
     */
    record Rule(String operation, Admits admits, boolean roleFirst, Foreign foreign, Fixture fixture,
                Function<Identity, List<String>> mustNotShow) {

        Rule(String operation, Admits admits, boolean roleFirst, Foreign foreign, Fixture fixture) {
            this(operation, admits, roleFirst, foreign, fixture, who -> List.of());
        }

        List<Scope> scopes() {
            return foreign == Foreign.UNSCOPED ? List.of(Scope.NONE) : List.of(Scope.OWN, Scope.FOREIGN);
        }

        /** The expected status: 200 stands for any 2xx. */
        int expected(Identity who, Scope scope) {
            if (admits == Admits.EVERYONE) {
                return 200;
            }
            if (who == Identity.ANONYMOUS) {
                return 401;
            }
            boolean role = admits.admits(who);
            if (scope == Scope.FOREIGN) {
                if (foreign == Foreign.PRIVATE) {
                    return 404;
                }
                if (!role && roleFirst) {
                    return 403;
                }
                if (who.roles.contains(Role.PLATFORM_ADMIN)) {
                    return role ? 200 : 403;
                }
                return foreign == Foreign.FORBIDDEN ? 403 : 404;
            }
            return role ? 200 : 403;
        }
    }

    /** One HTTP call as an identity would make it. */
    record Call(String method, String path, String contentType, byte[] body) {

        static Call get(String path) {
            return new Call("GET", path, null, null);
        }

        static Call json(String method, String path, String json) {
            return new Call(method, path, "application/json", json == null ? null
                    : json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Fixture {
        /** The call for this identity and scope; may itself make preparatory calls (as the objects' owners). */
        Call call(Identity who, Scope scope);
    }

    // ------------------------------------------------------------------------------------------------ objects

    /** One institution's objects, made by its own author and admin. */
    record Tenant(String id, String author, String admin, String learner, String courseId, String packageId,
                  String lineId, String scormCourseId, String quizId, String quizCourseId, String rules,
                  String bookId, String bookCourseId, String cmi5CourseId, String assertionId,
                  String tincanCourseId) {
    }

    private static final Map<String, Tenant> TENANTS = new LinkedHashMap<>();

    /** Per institution, a demo member with no demo data whom the erasure rule erases (DemoDirectory). */
    private static final Map<String, String> ERASABLE = Map.of("univ-a", "carol", "univ-b", "dave");

    private static Tenant own(Identity who) {
        return TENANTS.get(who.tenant == null ? "A" : who.tenant);
    }

    private static Tenant foreign(Identity who) {
        return TENANTS.get("B".equals(who.tenant) ? "A" : "B");
    }

    private static Tenant tenant(Identity who, Scope scope) {
        return scope == Scope.FOREIGN ? foreign(who) : own(who);
    }

    /** Whose private objects (attempts) a cell uses: the caller's own, or the other institution's learner's. */
    private static String attemptOwner(Identity who, Scope scope) {
        if (scope == Scope.FOREIGN || who == Identity.ANONYMOUS) {
            return tenant(who, scope).learner();
        }
        return who.user;
    }

    @BeforeAll
    static void createBothInstitutionsObjects() throws IOException, InterruptedException {
        // run first, the application may still be starting after the server reports ready (404 until then)
        for (int i = 0; i < 180 && Api.as("alice").get("/manabi/api/me").status() == 404; i++) {
            Thread.sleep(1000);
        }
        TENANTS.put("A", institution("univ-a", "author", "admin-a", "alice"));
        TENANTS.put("B", institution("univ-b", "author-b", "admin-b", "bob"));
    }

    private static Tenant institution(String id, String author, String admin, String learner) throws IOException {
        JsonNode course = ok(send(author, Call.json("POST", API + "/courses",
                "{\"title\": {\"en\": \"Matrix course " + id + "\"}}")));
        JsonNode pkg = ok(send(author, new Call("POST", API + "/packages", "application/zip",
                scormZip("matrix-" + id + "-" + shortId()))));
        String quizId = "matrix-" + id + "-" + shortId();
        JsonNode quiz = ok(send(author, Call.json("POST", API + "/quizzes", quizJson(quizId))));
        String quizCourse = quiz.get("courseId").asText();
        String rules = rules(quizId, BADGE);
        // The institution's admin sets the rules: admins edit their institution's courses as authors do.
        ok(send(admin, Call.json("PUT", API + "/courses/" + quizCourse + "/completion-rules", rules)));
        String assertionId = earnedBadge(learner, quizId, quizCourse, BADGE);
        JsonNode book = ok(send(author, new Call("POST", API + "/books", "application/zip",
                bookZip("matrix-" + id + "-" + shortId()))));
        // A bare cmi5.xml (cmi5 section 14.2) whose AU is hosted elsewhere.
        JsonNode cmi5 = ok(send(author, new Call("POST", API + "/packages", "text/xml", cmi5Xml(id))));
        JsonNode tincan = ok(send(author, new Call("POST", API + "/packages", "application/zip", tincanZip(id))));
        return new Tenant(id, author, admin, learner, course.get("id").asText(), pkg.get("id").asText(),
                pkg.get("lineId").asText(), pkg.get("courseId").asText(), quizId, quizCourse, rules,
                book.get("bookId").asText(), book.get("courseId").asText(), cmi5.get("courseId").asText(),
                assertionId, tincan.get("courseId").asText());
    }

    /** The badge every institution's quiz course declares, earned by passing its quiz (badges module). */
    private static final String BADGE = "matrix";

    private static String rules(String quizId, String badge) {
        return "{\"units\": [{\"id\": \"quiz\", \"when\": [{\"type\": \"quiz\", \"quiz\": \"" + quizId
                + "\"}]}], \"course\": {\"pass\": {\"quizzes\": [\"" + quizId + "\"], \"aggregate\": \"sum\","
                + " \"atLeast\": 1}}, \"badges\": [{\"id\": \"" + badge + "\", \"name\": \"Matrix\","
                + " \"description\": {\"en\": \"Passed the matrix quiz\"}, \"criteria\": \"unit:quiz\"}]}";
    }

    /**
     * The learner passes the quiz (again) and answers the id of their assertion of {@code badge}: issued when the
     * unit first completes, or, for a badge declared later, on this next progress.
     */
    private static String earnedBadge(String learner, String quizId, String quizCourse, String badge) {
        String attempt = ok(send(learner, Call.json("POST", API + "/quizzes/" + quizId + "/attempts?course="
                + quizCourse, null))).get("attemptId").asText();
        String path = API + "/quizzes/" + quizId + "/attempts/" + attempt;
        ok(send(learner, Call.json("PUT", path + "/responses", "{\"responses\": {\"yes\": true, \"no\": false}}")));
        ok(send(learner, Call.json("POST", path + "/submit", "{}")));
        for (JsonNode mine : ok(send(learner, Call.get(API + "/badges/mine")))) {
            if (mine.path("badgeId").asText().equals(badge) && mine.path("courseId").asText().equals(quizCourse)) {
                return mine.path("assertionId").asText();
            }
        }
        throw new AssertionError(learner + " did not earn the badge " + badge);
    }

    /** An assertion of a badge the institution's admin declared for the purpose (revocation uses one up). */
    private static String freshAssertion(Tenant t) {
        String badge = "matrix-" + shortId();
        ok(send(t.admin(), Call.json("PUT", API + "/courses/" + t.quizCourseId() + "/completion-rules",
                rules(t.quizId(), badge))));
        return earnedBadge(t.learner(), t.quizId(), t.quizCourseId(), badge);
    }

    /** The hosted path of the learner's badge class (from the public assertion). */
    private static String badgeClassPath(Tenant t) {
        String url = ok(send(null, Call.get(API + "/badges/ob2/assertions/" + t.assertionId()))).path("badge")
                .asText();
        return url.substring(url.indexOf(API));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A one-AU cmi5 course structure with its own course id, its AU on another site. */
    static byte[] cmi5Xml(String tenant) {
        String base = "https://example.com/matrix/" + tenant + "/" + shortId();
        String texts = "<title><langstring lang=\"en\">Matrix</langstring></title>"
                + "<description><langstring lang=\"en\">Matrix</langstring></description>";
        return ("<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
                + "<course id=\"" + base + "\">" + texts + "</course><au id=\"" + base + "/au\">" + texts
                + "<url>https://au.example.com/start.html</url></au></courseStructure>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A tincan.xml package with a root activity of its own, so each upload is a new package line. */
    static byte[] tincanZip(String tenant) throws IOException {
        String tincan = "<tincan xmlns=\"http://projecttincan.com/tincan.xsd\"><activities><activity id=\""
                + "https://example.com/matrix/" + tenant + "/" + shortId() + "\" type=\"http://adlnet.gov/expapi/"
                + "activities/course\"><name lang=\"en\">Matrix</name><launch lang=\"en\">index.html</launch>"
                + "</activity></activities></tincan>";
        return zip(Map.of("tincan.xml", tincan.getBytes(StandardCharsets.UTF_8),
                "index.html", "<!DOCTYPE html><title>Matrix</title><p>Matrix</p>".getBytes(StandardCharsets.UTF_8)));
    }

    /** A one-SCO SCORM 1.2 package with its own manifest identifier, so each upload is a new package line. */
    static byte[] scormZip(String identifier) throws IOException {
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="%s" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
                          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
                  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
                  <organizations default="org">
                    <organization identifier="org"><title>Authorization matrix</title>
                      <item identifier="%s" identifierref="sco"><title>The one SCO</title></item>
                    </organization>
                  </organizations>
                  <resources>
                    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
                      <file href="index.html"/>
                    </resource>
                  </resources>
                </manifest>
                """.formatted(identifier, ITEM);
        return zip(Map.of("imsmanifest.xml", manifest.getBytes(StandardCharsets.UTF_8),
                "index.html", "<!DOCTYPE html><title>SCO</title><p>SCO</p>".getBytes(StandardCharsets.UTF_8)));
    }

    /** The demo book under a key of its own (a key is unique within an institution). */
    private static byte[] bookZip(String key) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(DEMO_BOOK)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = DEMO_BOOK.relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                if (name.equals("book.json")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("\"key\": \"infosec-basics\"", "\"key\": \"" + key + "\"")
                            .getBytes(StandardCharsets.UTF_8);
                }
                entries.put(name, bytes);
            }
        }
        return zip(entries);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Two true/false questions, checkable one by one, any number of attempts. */
    static String quizJson(String id) {
        return "{\"id\": \"" + id + "\", \"title\": {\"en\": \"Matrix quiz\"}, \"settings\": {\"passThreshold\":"
                + " {\"percent\": 50}, \"feedback\": \"after-each\"}, \"questions\": ["
                + "{\"id\": \"yes\", \"type\": \"true-false\", \"prompt\": {\"en\": \"Yes?\"}, \"correct\": true},"
                + "{\"id\": \"no\", \"type\": \"true-false\", \"prompt\": {\"en\": \"No?\"}, \"correct\": false}]}";
    }

    /** A read-only LRS credential of the institution. */
    /** A disabled external LRS endpoint: nothing is ever sent to it. */
    private static final String FORWARDING_ENDPOINT = "{\"label\": \"Matrix\", \"url\": \"https://lrs.example.org/xapi/\","
            + " \"key\": \"k\", \"secret\": \"s\", \"enabled\": false}";

    /** The URL (with {@code ?tenant=}) of an endpoint the institution's admin made for the purpose. */
    private static String forwardingEndpoint(Tenant t) {
        return API + "/lrs/forwarding/" + ok(send(t.admin(), Call.json("POST", API + "/lrs/forwarding?tenant="
                + t.id(), FORWARDING_ENDPOINT))).path("id").asText() + "?tenant=" + t.id();
    }

    private static String lrsCredential(Tenant t) {
        return "{\"label\": \"Matrix\", \"read\": true, \"write\": false, \"allStatements\": true, \"tenant\": \""
                + t.id() + "\"}";
    }

    /** An automation launch body of AU 0 for a tool's agent, in a new registration. */
    private static String automationLaunch() {
        return "{\"auIndex\": 0, \"actor\": {\"objectType\": \"Agent\", \"account\": {\"homePage\":"
                + " \"https://tool.example.org\", \"name\": \"matrix\"}}, \"registration\": \""
                + java.util.UUID.randomUUID() + "\"}";
    }

    /** A fresh automation launch on the institution's cmi5 course, made by the platform admin. */
    private static JsonNode cmi5Launch(Tenant t) {
        return ok(send(Identity.PLATFORM_ADMIN.user, Call.json("POST", API + "/cmi5/courses/" + t.cmi5CourseId()
                + "/launches", automationLaunch())));
    }

    private static String recordsCredential(Tenant t) {
        return "{\"label\": \"Matrix\", \"tenant\": \"" + t.id() + "\"}";
    }

    /** The owner's open quiz attempt (started if none is open). */
    private static String quizAttempt(String owner, Tenant t) {
        return ok(send(owner, Call.json("POST", API + "/quizzes/" + t.quizId() + "/attempts?course="
                + t.quizCourseId(), null))).get("attemptId").asText();
    }

    /** The owner's current SCORM attempt (started if none). */
    private static String scormAttempt(String owner, Tenant t) {
        return ok(send(owner, Call.get(API + "/scorm/courses/" + t.scormCourseId() + "/lines/" + t.lineId()
                + "/attempt"))).get("attemptId").asText();
    }

    // ------------------------------------------------------------------------------------------------ the table

    /** Every operation of the API and who may call it. */
    private static final List<Rule> RULES = List.of(
            // core: the learner, the catalog, administration, UI texts
            new Rule("GET /manabi/api/me", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/me")),
            new Rule("PUT /manabi/api/me/language", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.json("PUT", API + "/me/language", "{\"language\": \"ko\"}")),
            // after the PUT: forgets the choice again
            new Rule("DELETE /manabi/api/me/language", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> new Call("DELETE", API + "/me/language", null, null)),
            new Rule("PUT /manabi/api/me/audio-preference", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.json("PUT", API + "/me/audio-preference", "{\"audioPreference\": \"off\"}")),
            // after the PUT: forgets the preference again
            new Rule("DELETE /manabi/api/me/audio-preference", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> new Call("DELETE", API + "/me/audio-preference", null, null)),
            new Rule("GET /manabi/api/me/courses", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/me/courses?status=in-progress&limit=5")),
            new Rule("GET /manabi/api/i18n", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/i18n")),
            new Rule("GET /manabi/api/i18n/{language}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/i18n/ja")),
            new Rule("GET /manabi/api/courses", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/courses"),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of() : List.of(foreign(who).courseId(),
                            foreign(who).scormCourseId(), foreign(who).quizCourseId(), foreign(who).bookCourseId())),
            new Rule("POST /manabi/api/courses", Admits.EDITORS, true, Foreign.UNSCOPED,
                    (who, s) -> Call.json("POST", API + "/courses", "{\"title\": {\"en\": \"Matrix scratch\"}}")),
            new Rule("GET /manabi/api/courses/{courseId}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/courses/" + tenant(who, s).courseId())),
            new Rule("PUT /manabi/api/courses/{courseId}/sharing", Admits.EDITORS, false, Foreign.HIDDEN,
                    // TENANT is what the course already has: an allowed call changes nothing.
                    (who, s) -> Call.json("PUT", API + "/courses/" + tenant(who, s).courseId() + "/sharing",
                            "{\"visibility\": \"TENANT\"}")),
            new Rule("GET /manabi/api/admin/learners", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/admin/learners?tenant=" + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"learnerId\":\"" + foreign(who).learner() + "\"")),

            // personal data (README "Personal data"): one's own download; the audit log and erasure for the
            // institution's admins (another institution's member is not found), the retention run for platform admins
            new Rule("GET /manabi/api/me/data", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/me/data"),
                    who -> who == Identity.ANONYMOUS ? List.of()
                            : List.of("\"learnerId\":\"" + foreign(who).learner() + "\"")),
            new Rule("GET /manabi/api/admin/audit", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/admin/audit?size=5&tenant=" + tenant(who, s).id())),
            new Rule("GET /manabi/api/admin/members/{learnerId}/data", Admits.ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/admin/members/" + tenant(who, s).learner() + "/data?tenant="
                            + tenant(who, s).id())),
            // a member kept for the purpose (carol, dave: no demo data) signs in first, so there is someone to erase
            new Rule("POST /manabi/api/admin/members/{learnerId}/erase", Admits.ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> {
                        String member = ERASABLE.get(tenant(who, s).id());
                        ok(send(member, Call.get(API + "/me")));
                        return Call.json("POST", API + "/admin/members/" + member + "/erase?tenant="
                                + tenant(who, s).id(), "{\"reason\": \"authorization matrix\"}");
                    }),
            // the admin page's institution picker: platform admins only
            new Rule("GET /manabi/api/admin/tenants", Admits.PLATFORM_ADMINS, true, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/admin/tenants")),
            new Rule("POST /manabi/api/admin/retention/run", Admits.PLATFORM_ADMINS, true, Foreign.UNSCOPED,
                    (who, s) -> Call.json("POST", API + "/admin/retention/run", null)),

            // LRS credentials (lrs): the institution's own admins, or the platform admin for any institution
            new Rule("GET /manabi/api/lrs/credentials", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/lrs/credentials?tenant=" + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"tenantId\":\"" + foreign(who).id() + "\"")),
            new Rule("POST /manabi/api/lrs/credentials", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.json("POST", API + "/lrs/credentials", lrsCredential(tenant(who, s)))),
            // a credential made for the purpose by the institution's admin, then revoked
            new Rule("DELETE /manabi/api/lrs/credentials/{id}", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> new Call("DELETE", API + "/lrs/credentials/" + ok(send(tenant(who, s).admin(),
                            Call.json("POST", API + "/lrs/credentials", lrsCredential(tenant(who, s)))))
                            .path("credential").path("id").asText() + "?tenant=" + tenant(who, s).id(), null, null)),

            // learning records (core): the institution's own admins read their own members' records on a course
            // their institution sees; naming another institution is 403 (the platform admin may); the other
            // institution's members never appear
            new Rule("GET /manabi/api/records/courses/{courseId}/modules", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/records/courses/" + tenant(who, s).quizCourseId() + "/modules?tenant="
                            + tenant(who, s).id())),
            new Rule("GET /manabi/api/records/courses/{courseId}/history", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/records/courses/" + tenant(who, s).quizCourseId() + "/history?tenant="
                            + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"learnerId\":\"" + foreign(who).learner() + "\"")),
            new Rule("GET /manabi/api/records/courses/{courseId}/grades", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/records/courses/" + tenant(who, s).quizCourseId() + "/grades?tenant="
                            + tenant(who, s).id() + "&format=csv"),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\r\n" + foreign(who).learner() + ",")),
            new Rule("GET /manabi/api/records/credentials", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/records/credentials?tenant=" + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"tenantId\":\"" + foreign(who).id() + "\"")),
            new Rule("POST /manabi/api/records/credentials", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.json("POST", API + "/records/credentials", recordsCredential(tenant(who, s)))),
            // a credential made for the purpose by the institution's admin, then revoked
            new Rule("DELETE /manabi/api/records/credentials/{id}", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> new Call("DELETE", API + "/records/credentials/" + ok(send(tenant(who, s).admin(),
                            Call.json("POST", API + "/records/credentials", recordsCredential(tenant(who, s)))))
                            .path("credential").path("id").asText() + "?tenant=" + tenant(who, s).id(), null, null)),

            // forwarding to external LRSs (lrs): the same rule as the credentials; an endpoint made for the purpose by
            // the institution's admin (disabled, so nothing is delivered)
            new Rule("GET /manabi/api/lrs/forwarding", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/lrs/forwarding?tenant=" + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"tenantId\":\"" + foreign(who).id() + "\"")),
            new Rule("POST /manabi/api/lrs/forwarding", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.json("POST", API + "/lrs/forwarding?tenant=" + tenant(who, s).id(),
                            FORWARDING_ENDPOINT)),
            new Rule("GET /manabi/api/lrs/forwarding/{id}", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(forwardingEndpoint(tenant(who, s)))),
            new Rule("PUT /manabi/api/lrs/forwarding/{id}", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.json("PUT", forwardingEndpoint(tenant(who, s)), FORWARDING_ENDPOINT)),
            new Rule("DELETE /manabi/api/lrs/forwarding/{id}", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> new Call("DELETE", forwardingEndpoint(tenant(who, s)), null, null)),
            new Rule("GET /manabi/api/lrs/forwarding/{id}/dead-letters", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(forwardingEndpoint(tenant(who, s)).replace("?", "/dead-letters?"))),
            new Rule("POST /manabi/api/lrs/forwarding/{id}/dead-letters/replay", Admits.ADMINS, true,
                    Foreign.FORBIDDEN, (who, s) -> Call.json("POST", forwardingEndpoint(tenant(who, s))
                            .replace("?", "/dead-letters/replay?"), "{}")),

            // completion rules (quiz-engine) on the institution's quiz course
            new Rule("GET /manabi/api/courses/{courseId}/completion-rules", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/courses/" + tenant(who, s).quizCourseId() + "/completion-rules")),
            new Rule("PUT /manabi/api/courses/{courseId}/completion-rules", Admits.EDITORS, false, Foreign.HIDDEN,
                    // the rules the course already has
                    (who, s) -> Call.json("PUT", API + "/courses/" + tenant(who, s).quizCourseId()
                            + "/completion-rules", tenant(who, s).rules())),
            new Rule("GET /manabi/api/courses/{courseId}/completion-rules/status", Admits.MEMBERS, false,
                    Foreign.HIDDEN, (who, s) -> Call.get(API + "/courses/" + tenant(who, s).quizCourseId()
                            + "/completion-rules/status")),

            // badges (badges module): a learner's own, an institution's for its admins, revocation; the hosted Open
            // Badges documents and images are public (verifiers do not sign in)
            new Rule("GET /manabi/api/badges/mine", Admits.MEMBERS, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/badges/mine"),
                    // only one's own badges, platform admins included
                    who -> TENANTS.values().stream().filter(t -> !t.learner().equals(who.user))
                            .map(Tenant::assertionId).toList()),
            new Rule("GET /manabi/api/badges", Admits.ADMINS, true, Foreign.FORBIDDEN,
                    (who, s) -> Call.get(API + "/badges?tenant=" + tenant(who, s).id()),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of()
                            : List.of("\"learnerId\":\"" + foreign(who).learner() + "\"")),
            new Rule("POST /manabi/api/badges/assertions/{id}/revoke", Admits.ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.json("POST", API + "/badges/assertions/" + freshAssertion(tenant(who, s))
                            + "/revoke", "{\"reason\": \"Authorization matrix\"}")),
            new Rule("GET /manabi/api/badges/ob2/issuers/{id}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/badges/ob2/issuers/" + own(who).id())),
            new Rule("GET /manabi/api/badges/ob2/classes/{id}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(badgeClassPath(own(who)))),
            new Rule("GET /manabi/api/badges/ob2/classes/{id}/image", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(badgeClassPath(own(who)) + "/image")),
            new Rule("GET /manabi/api/badges/ob2/assertions/{id}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/badges/ob2/assertions/" + own(who).assertionId())),
            new Rule("GET /manabi/api/badges/ob2/assertions/{id}/badge.png", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob2/assertions/" + own(who).assertionId()
                            + "/badge.png")),
            new Rule("GET /manabi/api/badges/ob2/assertions/{id}/badge.svg", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob2/assertions/" + own(who).assertionId()
                            + "/badge.svg")),
            // Open Badges 3.0: the signed credential and what verifies it (key, status list), public like OB 2.0's
            new Rule("GET /manabi/api/badges/ob3/credentials/{id}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/badges/ob3/credentials/" + own(who).assertionId())),
            new Rule("GET /manabi/api/badges/ob3/credentials/{id}/badge.png", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob3/credentials/" + own(who).assertionId()
                            + "/badge.png")),
            new Rule("GET /manabi/api/badges/ob3/credentials/{id}/badge.svg", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob3/credentials/" + own(who).assertionId()
                            + "/badge.svg")),
            new Rule("GET /manabi/api/badges/ob3/issuers/{issuer}/did.json", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob3/issuers/" + own(who).id()
                            + "/did.json")),
            new Rule("GET /manabi/api/badges/ob3/issuers/{issuer}/status/revocation", Admits.EVERYONE, false,
                    Foreign.UNSCOPED, (who, s) -> Call.get(API + "/badges/ob3/issuers/" + own(who).id()
                            + "/status/revocation")),

            // SCORM packages and run-time
            new Rule("GET /manabi/api/packages", Admits.EDITORS, true, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/packages"),
                    who -> who.roles.contains(Role.PLATFORM_ADMIN) ? List.of() : List.of(foreign(who).packageId())),
            new Rule("POST /manabi/api/packages", Admits.AUTHORS, true, Foreign.UNSCOPED,
                    (who, s) -> new Call("POST", API + "/packages", "application/zip",
                            uncheckedZip(() -> scormZip("matrix-scratch-" + shortId())))),
            new Rule("GET /manabi/api/packages/{id}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/packages/" + tenant(who, s).packageId())),
            new Rule("GET /manabi/api/scorm/datamodel/{model}", Admits.EVERYONE, false, Foreign.UNSCOPED,
                    (who, s) -> Call.get(API + "/scorm/datamodel/1.2")),
            new Rule("GET /manabi/api/scorm/courses/{courseId}/lines/{lineId}/attempt", Admits.MEMBERS, false,
                    Foreign.HIDDEN, (who, s) -> Call.get(API + "/scorm/courses/" + tenant(who, s).scormCourseId()
                            + "/lines/" + tenant(who, s).lineId() + "/attempt")),
            new Rule("POST /manabi/api/scorm/courses/{courseId}/lines/{lineId}/attempts", Admits.MEMBERS, false,
                    Foreign.HIDDEN, (who, s) -> Call.json("POST", API + "/scorm/courses/"
                            + tenant(who, s).scormCourseId() + "/lines/" + tenant(who, s).lineId() + "/attempts",
                            null)),
            new Rule("POST /manabi/api/scorm/attempts/{attemptId}/navigation", Admits.MEMBERS, false,
                    Foreign.PRIVATE, (who, s) -> Call.json("POST", API + "/scorm/attempts/"
                            + scormAttempt(attemptOwner(who, s), tenant(who, s)) + "/navigation",
                            "{\"request\": \"start\"}")),
            new Rule("POST /manabi/api/scorm/attempts/{attemptId}/scos/{itemId}/session", Admits.MEMBERS, false,
                    Foreign.PRIVATE, (who, s) -> Call.json("POST", API + "/scorm/attempts/"
                            + scormAttempt(attemptOwner(who, s), tenant(who, s)) + "/scos/" + ITEM + "/session",
                            null)),
            new Rule("POST /manabi/api/scorm/attempts/{attemptId}/scos/{itemId}/commit", Admits.MEMBERS, false,
                    Foreign.PRIVATE, AuthorizationMatrixIT::commit),
            new Rule("GET /manabi/api/courses/{courseId}/progress/me", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/courses/" + tenant(who, s).scormCourseId() + "/progress/me")),
            new Rule("GET /manabi/api/scorm/preview/{packageId}", Admits.EDITORS, true, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/scorm/preview/" + tenant(who, s).packageId())),
            new Rule("POST /manabi/api/scorm/preview/{packageId}/scos/{itemId}/session", Admits.EDITORS, true,
                    Foreign.HIDDEN, (who, s) -> Call.json("POST", API + "/scorm/preview/"
                            + tenant(who, s).packageId() + "/scos/" + ITEM + "/session", null)),

            // cmi5 launches (the fetch URL is a capability servlet outside /manabi/api)
            new Rule("GET /manabi/api/cmi5/courses/{courseId}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/cmi5/courses/" + tenant(who, s).cmi5CourseId())),
            new Rule("POST /manabi/api/cmi5/courses/{courseId}/aus/{auIndex}/launch", Admits.MEMBERS, false,
                    Foreign.HIDDEN, (who, s) -> Call.json("POST", API + "/cmi5/courses/"
                            + tenant(who, s).cmi5CourseId() + "/aus/0/launch", "{}")),
            // the cmi5 automation API (platform admins only; each call on a launch of its own for a new registration)
            new Rule("POST /manabi/api/cmi5/courses/{courseId}/launches", Admits.PLATFORM_ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.json("POST", API + "/cmi5/courses/" + tenant(who, s).cmi5CourseId()
                            + "/launches", automationLaunch())),
            new Rule("POST /manabi/api/cmi5/registrations/{registration}/aus/{auIndex}/waive", Admits.PLATFORM_ADMINS, true,
                    Foreign.HIDDEN, (who, s) -> Call.json("POST", API + "/cmi5/registrations/"
                            + cmi5Launch(tenant(who, s)).path("registration").asText() + "/aus/0/waive",
                            "{\"reason\": \"Administrative\"}")),
            new Rule("POST /manabi/api/cmi5/sessions/{sessionId}/abandon", Admits.PLATFORM_ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.json("POST", API + "/cmi5/sessions/"
                            + cmi5Launch(tenant(who, s)).path("sessionId").asText() + "/abandon", null)),

            // tincan.xml launches (the launch's auth is checked by the LRS, TincanIT)
            new Rule("POST /manabi/api/tincan/courses/{courseId}/launch", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.json("POST", API + "/tincan/courses/" + tenant(who, s).tincanCourseId()
                            + "/launch", "{}")),

            // quizzes: import, playing (attempts are the learner's own), reports
            new Rule("POST /manabi/api/quizzes", Admits.AUTHORS, true, Foreign.UNSCOPED,
                    (who, s) -> Call.json("POST", API + "/quizzes", quizJson("matrix-scratch-" + shortId()))),
            new Rule("GET /manabi/api/quizzes/{quizId}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/quizzes/" + tenant(who, s).quizId() + "?course="
                            + tenant(who, s).quizCourseId())),
            new Rule("GET /manabi/api/quizzes/{quizId}/definition", Admits.EDITORS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/quizzes/" + tenant(who, s).quizId() + "/definition")),
            new Rule("POST /manabi/api/quizzes/{quizId}/attempts", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.json("POST", API + "/quizzes/" + tenant(who, s).quizId() + "/attempts?course="
                            + tenant(who, s).quizCourseId(), null)),
            new Rule("GET /manabi/api/quizzes/{quizId}/attempts/{attemptId}", Admits.MEMBERS, false,
                    Foreign.PRIVATE, (who, s) -> Call.get(attemptPath(who, s))),
            new Rule("PUT /manabi/api/quizzes/{quizId}/attempts/{attemptId}/responses", Admits.MEMBERS, false,
                    Foreign.PRIVATE, (who, s) -> Call.json("PUT", attemptPath(who, s) + "/responses",
                            "{\"responses\": {\"no\": false}}")),
            new Rule("POST /manabi/api/quizzes/{quizId}/attempts/{attemptId}/questions/{questionId}/check",
                    Admits.MEMBERS, false, Foreign.PRIVATE, (who, s) -> Call.json("POST", attemptPath(who, s)
                            + "/questions/yes/check", "{\"response\": true}")),
            // last of the attempt calls: it ends the attempt
            new Rule("POST /manabi/api/quizzes/{quizId}/attempts/{attemptId}/submit", Admits.MEMBERS, false,
                    Foreign.PRIVATE, (who, s) -> Call.json("POST", attemptPath(who, s) + "/submit", "{}")),
            new Rule("GET /manabi/api/quizzes/{quizId}/results/mine", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/quizzes/" + tenant(who, s).quizId() + "/results/mine")),
            new Rule("GET /manabi/api/quizzes/{quizId}/results", Admits.ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/quizzes/" + tenant(who, s).quizId() + "/results")),
            new Rule("GET /manabi/api/quizzes/{quizId}/results.csv", Admits.ADMINS, true, Foreign.HIDDEN,
                    (who, s) -> Call.get(API + "/quizzes/" + tenant(who, s).quizId() + "/results.csv")),

            // video books
            new Rule("POST /manabi/api/books", Admits.AUTHORS, true, Foreign.UNSCOPED,
                    (who, s) -> new Call("POST", API + "/books", "application/zip",
                            uncheckedZip(() -> bookZip("matrix-scratch-" + shortId())))),
            new Rule("GET /manabi/api/books/{bookId}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(bookPath(who, s, ""))),
            new Rule("GET /manabi/api/books/{bookId}/files/{file}", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(bookPath(who, s, "/files/" + SUBTITLE))),
            new Rule("GET /manabi/api/books/{bookId}/progress", Admits.MEMBERS, false, Foreign.HIDDEN,
                    (who, s) -> Call.get(bookPath(who, s, "/progress"))),
            new Rule("POST /manabi/api/books/{bookId}/topics/{topicId}/progress", Admits.MEMBERS, false,
                    Foreign.HIDDEN, (who, s) -> Call.json("POST", bookPath(who, s, "/topics/" + TOPIC + "/progress"),
                            "{\"session\": \"matrix-" + shortId() + "\", \"sequence\": 1, \"start\": 0, \"end\": 1,"
                                    + " \"position\": 1}")));

    private static String attemptPath(Identity who, Scope s) {
        Tenant t = tenant(who, s);
        return API + "/quizzes/" + t.quizId() + "/attempts/" + quizAttempt(attemptOwner(who, s), t);
    }

    /** A book path; the course goes in the query, before any sub-path's own query. */
    private static String bookPath(Identity who, Scope s, String sub) {
        Tenant t = tenant(who, s);
        return API + "/books/" + t.bookId() + sub + "?course=" + URLEncoder.encode(t.bookCourseId(),
                StandardCharsets.UTF_8);
    }

    /** A commit of one value into a session the attempt's owner has just opened. */
    private static Call commit(Identity who, Scope s) {
        Tenant t = tenant(who, s);
        String owner = attemptOwner(who, s);
        String attempt = scormAttempt(owner, t);
        JsonNode session = ok(send(owner, Call.json("POST", API + "/scorm/attempts/" + attempt + "/scos/" + ITEM
                + "/session", null)));
        return Call.json("POST", API + "/scorm/attempts/" + attempt + "/scos/" + ITEM + "/commit",
                "{\"session\": \"" + session.get("session").asText() + "\", \"sequence\": "
                        + (session.get("sequence").asLong() + 1) + ", \"sets\": [{\"element\":"
                        + " \"cmi.core.lesson_location\", \"value\": \"matrix\"}], \"terminate\": false}");
    }

    @FunctionalInterface
    private interface ZipMaker {
        byte[] make() throws IOException;
    }

    private static byte[] uncheckedZip(ZipMaker maker) {
        try {
            return maker.make();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    record Reply(int status, String body) {
    }

    private static Reply send(String user, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Browser.baseUrl() + call.path()))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + Browser.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        request.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body()));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell's outcome. */
    record Cell(Rule rule, Identity who, Scope scope, int expected, int actual, String problem) {

        boolean violation() {
            return problem != null;
        }
    }

    private static Cell run(Rule rule, Identity who, Scope scope) {
        int expected = rule.expected(who, scope);
        Reply reply;
        try {
            reply = send(who.user, rule.fixture().call(who, scope));
        } catch (RuntimeException | AssertionError e) {
            return new Cell(rule, who, scope, expected, -1, "the call could not be prepared: " + e.getMessage());
        }
        int actual = reply.status();
        boolean allowed = actual >= 200 && actual < 300;
        if (expected == 200 ? !allowed : actual != expected) {
            return new Cell(rule, who, scope, expected, actual, "expected " + (expected == 200 ? "2xx" : expected)
                    + ", got " + actual + ": " + abbreviate(reply.body()));
        }
        if (!allowed && !isSdkError(reply)) {
            return new Cell(rule, who, scope, expected, actual, "the refusal is not the SDK's JSON error: "
                    + abbreviate(reply.body()));
        }
        if (allowed) {
            for (String secret : rule.mustNotShow().apply(who)) {
                if (reply.body().contains(secret)) {
                    return new Cell(rule, who, scope, expected, actual, "the answer shows the other institution's "
                            + secret);
                }
            }
        }
        return new Cell(rule, who, scope, expected, actual, null);
    }

    private static boolean isSdkError(Reply reply) {
        try {
            JsonNode error = JSON.readTree(reply.body());
            return error != null && error.path("status").asInt() == reply.status()
                    && !error.path("code").asText().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /** The operations the running server's OpenAPI document lists under the SDK's API. */
    private static Set<String> documentedOperations() throws IOException {
        Api.Reply doc = Api.admin("/openapi?format=JSON"); // Liberty's own endpoint: on the admin port
        assertThat(doc.status()).isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        JsonNode paths = doc.json().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith(API + "/")) {
                continue;
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                    operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    @Test
    void everyOperationAdmitsExactlyWhoItsRuleSays() throws IOException {
        Set<String> documented = documentedOperations();
        Set<String> classified = new LinkedHashSet<>();
        RULES.forEach(r -> classified.add(r.operation()));
        Set<String> unclassified = new TreeSet<>(documented);
        unclassified.removeAll(classified);
        Set<String> stale = new TreeSet<>(classified);
        stale.removeAll(documented);

        List<Cell> cells = new ArrayList<>();
        for (Rule rule : RULES) {
            if (!documented.contains(rule.operation())) {
                continue;
            }
            for (Identity who : Identity.values()) {
                for (Scope scope : rule.scopes()) {
                    cells.add(run(rule, who, scope));
                }
            }
        }
        List<Cell> violations = cells.stream().filter(Cell::violation).toList();
        writeReport(documented, unclassified, stale, cells);

        List<String> problems = new ArrayList<>();
        unclassified.forEach(op -> problems.add(op + ": listed in the OpenAPI document but has no rule here"));
        stale.forEach(op -> problems.add(op + ": has a rule but the OpenAPI document does not list it"));
        violations.forEach(c -> problems.add(c.rule().operation() + " | " + c.who() + " | " + c.scope() + " | "
                + c.problem()));
        assertThat(problems).as("%d operations, %d cells, %d violations (see target/authz-matrix.md)",
                documented.size(), cells.size(), violations.size()).isEmpty();
        assertThat(cells.size()).as("cells checked").isGreaterThan(documented.size() * Identity.values().length);
    }

    private static void writeReport(Set<String> documented, Set<String> unclassified, Set<String> stale,
                                    List<Cell> cells) throws IOException {
        Map<String, Long> byVerdict = new LinkedHashMap<>();
        for (Cell c : cells) {
            String verdict = c.violation() ? "violation" : c.actual() < 300 ? "allowed" : "refused " + c.actual();
            byVerdict.merge(verdict, 1L, Long::sum);
        }
        StringBuilder md = new StringBuilder("# Authorization matrix\n\n");
        md.append("Operations in the OpenAPI document: ").append(documented.size())
                .append("; without a rule: ").append(unclassified.size())
                .append("; rules for operations no longer listed: ").append(stale.size()).append("\n\n");
        md.append("Cells (operation × identity × own/foreign object): ").append(cells.size()).append("\n\n");
        md.append("| verdict | cells |\n|---|---|\n");
        byVerdict.forEach((v, n) -> md.append("| ").append(v).append(" | ").append(n).append(" |\n"));
        md.append("\n| operation | scope |");
        for (Identity who : Identity.values()) {
            md.append(' ').append(who.user == null ? "anonymous" : who.user).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(Identity.values().length)).append('\n');
        Map<String, Map<Scope, Map<Identity, Cell>>> grid = new LinkedHashMap<>();
        for (Cell c : cells) {
            grid.computeIfAbsent(c.rule().operation(), k -> new EnumMap<>(Scope.class))
                    .computeIfAbsent(c.scope(), k -> new EnumMap<>(Identity.class)).put(c.who(), c);
        }
        grid.forEach((op, scopes) -> scopes.forEach((scope, row) -> {
            md.append("| `").append(op).append("` | ").append(scope.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" |");
            for (Identity who : Identity.values()) {
                Cell c = row.get(who);
                md.append(' ').append(c.actual()).append(c.violation() ? " ✗" : "").append(" |");
            }
            md.append('\n');
        }));
        List<Cell> violations = cells.stream().filter(Cell::violation).toList();
        if (!violations.isEmpty() || !unclassified.isEmpty() || !stale.isEmpty()) {
            md.append("\n## Problems\n\n");
            unclassified.forEach(op -> md.append("- `").append(op).append("`: no rule\n"));
            stale.forEach(op -> md.append("- `").append(op).append("`: rule for an operation not listed\n"));
            violations.forEach(c -> md.append("- `").append(c.rule().operation()).append("` ").append(c.who())
                    .append(' ').append(c.scope()).append(": ").append(c.problem()).append('\n'));
        }
        Path report = Path.of("target", "authz-matrix.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md, StandardCharsets.UTF_8);
    }
}
