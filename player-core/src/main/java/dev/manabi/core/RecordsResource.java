package dev.manabi.core;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.spi.LearningRecords.Attempt;
import dev.manabi.core.spi.LearningRecords.Module;
import dev.manabi.i18n.LanguageNegotiator;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The learning records API for institutions' own systems (README "Learning records"): a course's modules, its
 * members' attempt history and their grades, as JSON or as CSV ({@link Csv}), read by the institution's admins, a
 * platform admin (any institution, {@code ?tenant=}) or a credential an admin issued ({@link RecordsCredentials}, HTTP
 * Basic). Only the reading institution's members are ever listed; a course that institution cannot see is 404.
 */
@Path("/records")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "records")
public class RecordsResource {

    static final String CSV_TYPE = "text/csv; charset=UTF-8";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 500;
    /** Learners per batch while a CSV streams: one query per content kind per batch. */
    static final int CSV_BATCH = 200;
    /** Excel parses "yyyy-MM-dd HH:mm:ss" as a date; the zone is named in the header. */
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> HISTORY_COLUMNS = List.of("learnerId", "displayName", "moduleId", "moduleKind",
            "moduleTitle", "attempt", "completion", "success", "scoreScaled", "scoreRaw", "progress", "timeSpentSeconds",
            "startedAt", "endedAt", "lastActivityAt", "satisfaction");

    @Inject
    CurrentLearner current;

    @Inject
    HttpServletRequest request;

    @Inject
    CourseCatalog catalog;

    @Inject
    CourseRecords records;

    @Inject
    LearnerDirectory directory;

    @Inject
    RecordsCredentials credentials;

    @Inject
    AuditLog audit;

    @Inject
    UiLanguages languages;

    @Context
    HttpHeaders headers;

    /** A module as the API lists it. */
    public record ModuleView(String id, String kind, String ref, Map<String, String> title) {
        static ModuleView of(Module m) {
            return new ModuleView(m.id(), m.kind(), m.ref(), m.title().values());
        }
    }

    public record ModuleList(String courseId, String tenantId, List<ModuleView> modules) {
    }

    /**
     * One attempt; {@code timeSpentSeconds} whole seconds; {@code satisfaction} null for kinds without a
     * satisfaction criterion (everything but cmi5).
     */
    public record AttemptView(String moduleId, int attempt, String completion, String success, Double scoreScaled,
                              Double scoreRaw, Double progress, Long timeSpentSeconds, Instant startedAt,
                              Instant endedAt, Instant lastActivityAt, String satisfaction) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.moduleId(), a.number(), a.completion(), a.success(), a.scoreScaled(),
                    a.scoreRaw(), a.progress(), a.timeSpent() == null ? null : a.timeSpent().toSeconds(),
                    a.startedAt(), a.endedAt(), a.lastActivityAt(), a.satisfaction());
        }
    }

    public record LearnerHistory(String learnerId, String displayName, List<AttemptView> attempts) {
    }

    /** One page of members (learner id order) with their attempts; {@code totalLearners} counts every page's. */
    public record HistoryPage(String courseId, String tenantId, Instant from, Instant to, int page, int size,
                              int totalLearners, List<LearnerHistory> learners) {
    }

    public record LearnerGrades(String learnerId, String displayName, List<CourseRecords.Grade> grades) {
    }

    public record GradeSheet(String courseId, String tenantId, Instant from, Instant to, int page, int size,
                             int totalLearners, List<ModuleView> modules, List<LearnerGrades> learners) {
    }

    /** What an admin asks for: a label naming the system, and for a platform admin the institution. */
    public record CredentialRequest(String label, String tenant) {
    }

    // ------------------------------------------------------------------------------------------------ reading

    @GET
    @Path("/courses/{courseId}/modules")
    @Operation(summary = "A course's trackable modules (SCOs, quizzes, video topics, cmi5 AUs) with stable ids")
    public ModuleList modules(@PathParam("courseId") String courseId, @QueryParam("tenant") String tenant) {
        String reading = readingTenant(tenant);
        Course course = course(courseId, reading);
        return new ModuleList(course.id(), reading, records.modules(course).stream().map(ModuleView::of).toList());
    }

    @GET
    @Path("/courses/{courseId}/history")
    @Produces({MediaType.APPLICATION_JSON, CSV_TYPE})
    @Operation(summary = "Members' attempt history on a course, paged by learner (JSON) or all of it (CSV)")
    public Response history(@PathParam("courseId") String courseId, @QueryParam("tenant") String tenant,
                            @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("learner") String learner, @QueryParam("page") String page,
                            @QueryParam("size") String size, @QueryParam("format") String format,
                            @QueryParam("lang") String lang, @QueryParam("zone") String zone) {
        Request r = request(courseId, tenant, from, to, learner, page, size, format, zone);
        List<Module> modules = records.modules(r.course());
        if (!r.csv()) {
            LearnerDirectory.MemberPage members = members(r, r.offset(), r.size());
            List<Attempt> attempts = attempts(r, modules, members);
            auditRead(r, "history", attempts.size());
            List<LearnerHistory> learners = new ArrayList<>();
            for (LearnerDirectory.Member m : members.members()) {
                learners.add(new LearnerHistory(m.learnerId(), m.displayName(), attempts.stream()
                        .filter(a -> a.learnerId().equals(m.learnerId())).map(AttemptView::of).toList()));
            }
            return Response.ok(new HistoryPage(r.course().id(), r.tenantId(), r.from(), r.to(), r.page(), r.size(),
                    members.total(), learners), MediaType.APPLICATION_JSON_TYPE).build();
        }
        UiLanguage language = language(lang);
        UiMessages messages = UiMessages.get();
        DateTimeFormatter time = CSV_TIME.withZone(r.zone());
        Map<String, Module> byId = new java.util.HashMap<>();
        modules.forEach(m -> byId.put(m.id(), m));
        StreamingOutput body = out -> audited(r, "history", rows -> {
            Csv csv = Csv.open(out);
            csv.row(HISTORY_COLUMNS.stream().map(c -> messages.text(language, "records.column." + c,
                    r.zone().getId())).toList());
            eachBatch(r, modules, (members, attempts) -> {
                rows[0] += attempts.size();
                Map<String, String> names = new java.util.HashMap<>();
                members.forEach(m -> names.put(m.learnerId(), m.displayName()));
                for (Attempt a : attempts) {
                    Module m = byId.get(a.moduleId());
                    csv.row(List.of(a.learnerId(), names.get(a.learnerId()), a.moduleId(),
                            m == null ? "" : m.kind(), m == null ? "" : m.title().resolve(language),
                            String.valueOf(a.number()), a.completion(), a.success(), number(a.scoreScaled()),
                            number(a.scoreRaw()), number(a.progress()),
                            a.timeSpent() == null ? "" : String.valueOf(a.timeSpent().toSeconds()),
                            instant(time, a.startedAt()), instant(time, a.endedAt()),
                            instant(time, a.lastActivityAt()), a.satisfaction() == null ? "" : a.satisfaction()));
                }
            });
            csv.flush();
        });
        return csv(body, r.course().id() + "-history");
    }

    @GET
    @Path("/courses/{courseId}/grades")
    @Produces({MediaType.APPLICATION_JSON, CSV_TYPE})
    @Operation(summary = "The course's grades: one row per member, per module its status and best and last score")
    public Response grades(@PathParam("courseId") String courseId, @QueryParam("tenant") String tenant,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("learner") String learner, @QueryParam("page") String page,
                           @QueryParam("size") String size, @QueryParam("format") String format,
                           @QueryParam("lang") String lang, @QueryParam("zone") String zone) {
        Request r = request(courseId, tenant, from, to, learner, page, size, format, zone);
        List<Module> modules = records.modules(r.course());
        if (!r.csv()) {
            LearnerDirectory.MemberPage members = members(r, r.offset(), r.size());
            auditRead(r, "grades", members.members().size());
            Map<String, List<CourseRecords.Grade>> grades = CourseRecords.grades(ids(members.members()), modules,
                    attempts(r, modules, members));
            List<LearnerGrades> learners = members.members().stream().map(m -> new LearnerGrades(m.learnerId(),
                    m.displayName(), grades.get(m.learnerId()))).toList();
            return Response.ok(new GradeSheet(r.course().id(), r.tenantId(), r.from(), r.to(), r.page(), r.size(),
                    members.total(), modules.stream().map(ModuleView::of).toList(), learners),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }
        UiLanguage language = language(lang);
        UiMessages messages = UiMessages.get();
        StreamingOutput body = out -> audited(r, "grades", rows -> {
            Csv csv = Csv.open(out);
            List<String> header = new ArrayList<>(List.of(messages.text(language, "records.column.learnerId"),
                    messages.text(language, "records.column.displayName")));
            for (Module m : modules) {
                String title = m.title().resolve(language);
                for (String column : List.of("status", "attempts", "bestScore", "lastScore")) {
                    header.add(messages.text(language, "records.grades." + column, title));
                }
            }
            csv.row(header);
            eachBatch(r, modules, (members, attempts) -> {
                rows[0] += members.size();
                Map<String, List<CourseRecords.Grade>> grades = CourseRecords.grades(ids(members), modules, attempts);
                for (LearnerDirectory.Member m : members) {
                    List<String> row = new ArrayList<>(List.of(m.learnerId(), m.displayName()));
                    for (CourseRecords.Grade g : grades.get(m.learnerId())) {
                        row.addAll(List.of(g.status(), String.valueOf(g.attempts()), number(g.bestScore()),
                                number(g.lastScore())));
                    }
                    csv.row(row);
                }
            });
            csv.flush();
        });
        return csv(body, r.course().id() + "-grades");
    }

    // ------------------------------------------------------------------------------------------------ credentials

    @GET
    @Path("/credentials")
    @Operation(summary = "Learning records credentials of the caller's institution (platform admin: ?tenant=)")
    public List<RecordsCredentials.Credential> listCredentials(@QueryParam("tenant") String tenant) {
        return credentials.list(administeredTenant(tenant));
    }

    @POST
    @Path("/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a read-only learning records credential (key and secret; the secret is shown once)")
    public RecordsCredentials.Issued issueCredential(CredentialRequest r) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        if (r == null || r.label() == null || r.label().isBlank() || r.label().strip().length() > 200) {
            throw PlayerException.badRequest("invalid-label", "A label of 1-200 characters names the credential");
        }
        String t = administeredTenant(r.tenant());
        RecordsCredentials.Issued issued = credentials.issue(t, r.label().strip(), admin.tenant().id(), admin.learnerId());
        audit.record(admin, AuditLog.Action.RECORDS_CREDENTIAL_CREATED, t, issued.credential().id(),
                Map.of("label", r.label().strip()));
        return issued;
    }

    @DELETE
    @Path("/credentials/{id}")
    @Operation(summary = "Revoke a learning records credential")
    public void revokeCredential(@PathParam("id") String id, @QueryParam("tenant") String tenant) {
        String t = administeredTenant(tenant);
        credentials.revoke(t, id);
        audit.record(current.require(), AuditLog.Action.RECORDS_CREDENTIAL_REVOKED, t, id, Map.of());
    }

    /**
     * Every read of members' records is audit-logged (README "Personal data"), JSON or CSV, by an admin or a records
     * credential: who (the admin, or {@code records-credential:<id>}, and their institution), the institution read,
     * the course, and in the detail the report, the format, the rows answered and the filters. A CSV is logged when
     * its stream ends (the rows then known), also when the client stops reading.
     */
    private void auditRead(Request r, String report, int rows) {
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("report", report);
        detail.put("format", r.csv() ? "csv" : "json");
        detail.put("rows", rows);
        if (!r.csv()) {
            detail.put("page", r.page());
        }
        if (r.learner() != null) {
            detail.put("learner", r.learner());
        }
        if (r.from() != null) {
            detail.put("from", r.from().toString());
        }
        if (r.to() != null) {
            detail.put("to", r.to().toString());
        }
        audit.record(r.reader().actorTenantId(), r.reader().actorId(), AuditLog.Action.RECORDS_DOWNLOADED,
                r.tenantId(), r.course().id(), detail);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A validated records request. */
    record Request(Course course, String tenantId, Instant from, Instant to, String learner, int page, int size,
                   boolean csv, ZoneId zone, Reader reader) {
        int offset() {
            return (page - 1) * size;
        }
    }

    /** Writes a CSV, counting its data rows in {@code rows[0]}. */
    @FunctionalInterface
    interface CountedCsv {
        void write(int[] rows) throws IOException;
    }

    /** Streams {@code csv} and then records the read with the rows written (README "Personal data"). */
    private void audited(Request r, String report, CountedCsv csv) throws IOException {
        int[] rows = {0};
        try {
            csv.write(rows);
        } finally {
            auditRead(r, report, rows[0]);
        }
    }

    @FunctionalInterface
    interface Batch {
        void write(List<LearnerDirectory.Member> members, List<Attempt> attempts) throws IOException;
    }

    private Request request(String courseId, String tenant, String from, String to, String learner, String page,
                            String size, String format, String zone) {
        Reader reader = reader(tenant);
        String reading = reader.tenantId();
        ZoneId z = zone(zone);
        Instant f = date(from, "from", z, false);
        Instant t = date(to, "to", z, true);
        if (f != null && t != null && !f.isBefore(t)) {
            throw PlayerException.badRequest("bad-period", "'from' must be before 'to'");
        }
        int p = number(page, "page", 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = number(size, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        boolean csv = csv(format);
        Course course = course(courseId, reading);
        return new Request(course, reading, f, t, learner == null || learner.isBlank() ? null : learner, p, s, csv, z,
                reader);
    }

    /**
     * The institution whose records the caller reads: a records credential's own; an institution admin's own (another
     * named: 403); any a platform admin names, else their own. Anonymous: 401.
     */
    private String readingTenant(String tenant) {
        return reader(tenant).tenantId();
    }

    /** Who reads (an admin, or a records credential: the audit log's actor) and which institution's records. */
    private Reader reader(String tenant) {
        String authorization = request.getHeader("Authorization");
        if (RecordsCredentials.presentsRecordsKey(authorization) && current.optional().isEmpty()) {
            RecordsCredentials.Credential credential = credentials.authenticate(authorization);
            if (tenant != null && !tenant.isBlank() && !tenant.equals(credential.tenantId())) {
                throw PlayerException.forbidden("A records credential reads only its own institution's records");
            }
            return new Reader(credential.tenantId(), credential.tenantId(),
                    AuditLog.RECORDS_CREDENTIAL_ACTOR_PREFIX + credential.id());
        }
        String reading = administeredTenant(tenant);
        LearnerContext admin = current.require();
        return new Reader(reading, admin.tenant().id(), admin.learnerId());
    }

    /** The institution read, and the audit log's actor: an admin (tenant, id) or a records credential. */
    record Reader(String tenantId, String actorTenantId, String actorId) {
    }

    private String administeredTenant(String tenant) {
        LearnerContext admin = current.requireAny(Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        String t = tenant == null || tenant.isBlank() ? admin.tenant().id() : tenant;
        if (!admin.mayAdminister(t)) {
            throw PlayerException.forbidden("Institution admins see only their own institution's records");
        }
        return t;
    }

    /** The course if {@code tenantId}'s members may see it (owned, shared with it, or global); 404 otherwise. */
    private Course course(String courseId, String tenantId) {
        LearnerContext member = new LearnerContext("records-reader", null, null, new Tenant(tenantId, null), Set.of(),
                null);
        return catalog.find(courseId).filter(c -> c.visibleTo(member))
                .orElseThrow(() -> PlayerException.notFound("No course '" + courseId + "'"));
    }

    private LearnerDirectory.MemberPage members(Request r, int offset, int limit) {
        return directory.members(r.tenantId(), r.learner(), offset, limit);
    }

    private List<Attempt> attempts(Request r, List<Module> modules, LearnerDirectory.MemberPage members) {
        return records.attempts(r.tenantId(), r.course(), modules, ids(members.members()), r.from(), r.to());
    }

    /** Every matching member, {@link #CSV_BATCH} at a time, with their attempts. */
    private void eachBatch(Request r, List<Module> modules, Batch batch) throws IOException {
        for (int offset = 0; ; offset += CSV_BATCH) {
            LearnerDirectory.MemberPage members = members(r, offset, CSV_BATCH);
            if (members.members().isEmpty()) {
                return;
            }
            batch.write(members.members(), attempts(r, modules, members));
            if (members.members().size() < CSV_BATCH) {
                return;
            }
        }
    }

    private static List<String> ids(List<LearnerDirectory.Member> members) {
        return members.stream().map(LearnerDirectory.Member::learnerId).toList();
    }

    /** CSV when {@code format=csv}, or when the client's most preferred type is {@code text/csv}. */
    private boolean csv(String format) {
        if (format != null && !format.isBlank()) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw PlayerException.badRequest("bad-format", "format is csv or json");
            };
        }
        List<MediaType> accepted = headers == null ? List.of() : headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && !accepted.get(0).isWildcardSubtype()
                && accepted.get(0).isCompatible(MediaType.valueOf("text/csv"));
    }

    private static Response csv(StreamingOutput body, String name) {
        String file = name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv";
        return Response.ok(body, CSV_TYPE).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    /** The requester's language: {@code lang}, else a person's by the language rule, else Accept-Language, else en. */
    private UiLanguage language(String lang) {
        if (lang != null && !lang.isBlank()) {
            return UiLanguage.ofTag(lang).orElseThrow(() -> PlayerException.badRequest("bad-language",
                    "lang is one of " + UiLanguage.tags()));
        }
        String accept = request.getHeader("Accept-Language");
        return current.optional().map(person -> languages.negotiate(person, null, accept))
                .or(() -> LanguageNegotiator.fromAcceptLanguage(accept)).orElse(UiLanguage.EN);
    }

    /**
     * An ISO-8601 instant ({@code 2026-04-01T00:00:00Z}) or date ({@code 2026-04-01}, in {@code zone}); a date as
     * {@code to} includes that whole day.
     */
    static Instant date(String value, String name, ZoneId zone, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw PlayerException.badRequest("bad-date", "'" + name + "' is a date (2026-04-01) or an instant"
                    + " with offset (2026-04-01T09:00:00+09:00)");
        }
    }

    private static int number(String value, String name, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw PlayerException.badRequest("bad-page", "'" + name + "' is a whole number from " + min + " to " + max);
    }

    private static ZoneId zone(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw PlayerException.badRequest("bad-zone", "Unknown time zone '" + zone + "'");
        }
    }

    private static String instant(DateTimeFormatter time, Instant at) {
        return at == null ? "" : time.format(at);
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        // Four decimals are finer than any score a learner sees; never an exponent, which spreadsheets read as text.
        return java.math.BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
