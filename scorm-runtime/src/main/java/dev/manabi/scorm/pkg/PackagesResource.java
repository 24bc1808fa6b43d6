package dev.manabi.scorm.pkg;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.CurrentLearner;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Package import and inspection for content teams.
 *
 * <ul>
 *   <li>{@code POST /packages}: the zip as the raw body ({@code application/zip}) or as the form field {@code file}
 *   ({@code multipart/form-data}). Query parameters: {@code course} and {@code language} to add a language variant
 *   to an existing course; {@code visibility} ({@code GLOBAL}, {@code TENANT}, {@code SHARED}) and repeated
 *   {@code share} tenant ids for a new course. Answers {@code 201 {id, courseId, version, standard, title,
 *   problems}}; a rejected upload answers 400/413/422 with {@code details.problems}. A bare {@code cmi5.xml}
 *   is sent as {@code text/xml} or {@code application/xml} (cmi5 section 14.2; read by the cmi5 module's
 *   {@code PackageFormat}).</li>
 *   <li>{@code GET /packages}: the caller's tenant's package lines with their versions (platform admins: all).</li>
 *   <li>{@code GET /packages/{id}}: one version with its organization tree and import warnings.</li>
 * </ul>
 */
@Path("/packages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "scorm packages")
public class PackagesResource {

    @Inject
    CurrentLearner current;

    @Inject
    PackageImporter importer;

    @Inject
    PackageRepository repository;

    @Inject
    CourseCatalog catalog;

    /** The stable import answer. {@code standard} is the {@link ScormEdition} name, e.g. {@code SCORM_12}. */
    public record ImportView(String id, String lineId, String courseId, int version, String standard,
                             String standardName, String title, Map<String, String> titles, List<Problem> problems) {
    }

    /** One version in a listing. */
    public record VersionView(String id, int version, String standard, Instant importedAt) {
    }

    /** One package line: the course it belongs to and its versions, newest last. */
    public record LineView(String lineId, String courseId, String manifestIdentifier, String title,
                           Map<String, String> titles, String standard, String latestId,
                           List<VersionView> versions) {
    }

    /** One version in full: the organization tree as stored at import, and its warnings. */
    public record PackageView(String id, String lineId, String courseId, String manifestIdentifier, int version,
                              String standard, String standardName, String title, Map<String, String> titles,
                              String defaultOrganization, List<OrganizationView> organizations, int scoCount,
                              Instant importedAt, List<Problem> problems) {
    }

    public record OrganizationView(String identifier, String title, List<ItemView> items, boolean hasSequencing) {
    }

    public record ItemView(String identifier, String title, String identifierref, String launchHref, boolean sco,
                           boolean visible, String parameters, Double masteryScore, String dataFromLms,
                           String maxTimeAllowed, String timeLimitAction, Double completionThreshold,
                           Double scaledPassingScore, List<AdlData> adlData, boolean hasSequencing,
                           List<ItemView> children) {
    }

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", "application/x-zip",
               MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import a SCORM 1.2/2004, cmi5 or xAPI package sent as the raw request body")
    public Response importZip(InputStream body, @HeaderParam("Content-Length") Long contentLength,
                              @QueryParam("course") String course, @QueryParam("language") String language,
                              @QueryParam("visibility") String visibility, @QueryParam("share") List<String> share) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.PLATFORM_ADMIN);
        PackageImporter.Options options = options(course, language, visibility, share);
        checkLength(contentLength);
        return run(author, body, in -> importer.importPackage(author, in, options));
    }

    @POST
    @Consumes({MediaType.TEXT_XML, MediaType.APPLICATION_XML})
    @Operation(summary = "Import a bare cmi5.xml course structure whose AUs are hosted elsewhere (cmi5 section 14.2)")
    public Response importStructureFile(InputStream body, @HeaderParam("Content-Length") Long contentLength,
                                        @QueryParam("course") String course, @QueryParam("language") String language,
                                        @QueryParam("visibility") String visibility,
                                        @QueryParam("share") List<String> share) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.PLATFORM_ADMIN);
        PackageImporter.Options options = options(course, language, visibility, share);
        checkLength(contentLength);
        return run(author, body, in -> importer.importStructureFile(author, in, options));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import a package sent as the multipart/form-data field 'file'")
    public Response importForm(List<EntityPart> parts, @HeaderParam("Content-Length") Long contentLength,
                               @QueryParam("course") String course, @QueryParam("language") String language,
                               @QueryParam("visibility") String visibility, @QueryParam("share") List<String> share) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.PLATFORM_ADMIN);
        PackageImporter.Options options = options(course, language, visibility, share);
        checkLength(contentLength);
        EntityPart file = parts == null ? null : parts.stream().filter(p -> "file".equals(p.getName()))
                .findFirst().orElse(null);
        if (file == null) {
            throw reject(PackageRejected.of(400, "upload-field-missing", "The form has no field named 'file'."
                    + " Send the package zip in a field called 'file'.", null));
        }
        return run(author, file.getContent(), in -> importer.importPackage(author, in, options));
    }

    @GET
    @Operation(summary = "Package lines of the caller's institution (all for platform admins) with their versions")
    public List<LineView> list() {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.INSTITUTION_ADMIN,
                Role.PLATFORM_ADMIN);
        String tenant = author.hasRole(Role.PLATFORM_ADMIN) ? null : author.tenant().id();
        Locale locale = locale(author);
        return repository.latestPerLine(tenant).stream().map(latest -> new LineView(latest.lineId(),
                latest.courseId(), latest.manifestIdentifier(), latest.title().resolve(locale),
                latest.title().values(), latest.edition().name(), latest.id(),
                repository.versions(latest.lineId()).stream().map(v -> new VersionView(v.id(), v.version(),
                        v.edition().name(), v.importedAt())).toList())).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One package version: organization tree and import warnings (404 unless its course is"
            + " visible to the caller)")
    public PackageView get(@PathParam("id") String id) {
        LearnerContext viewer = current.require();
        ScormPackage p = repository.find(id).orElseThrow(() -> PlayerException.notFound("No package '" + id + "'"));
        Course course = catalog.requireVisible(p.courseId(), viewer);
        boolean editor = course.editableBy(viewer) || viewer.hasRole(Role.PLATFORM_ADMIN)
                || viewer.hasRole(Role.CONTENT_AUTHOR) && p.ownerTenantId().equals(viewer.tenant().id());
        Locale locale = locale(viewer);
        return new PackageView(p.id(), p.lineId(), p.courseId(), p.manifestIdentifier(), p.version(),
                p.edition().name(), p.edition().displayName(), p.title().resolve(locale), p.title().values(),
                p.defaultOrganization(), p.organizations().stream().map(o -> new OrganizationView(o.identifier(),
                        o.title().resolve(locale), items(o.items(), locale), o.sequencingXml() != null)).toList(),
                p.scos().size(), p.importedAt(), editor ? repository.problems(p.id()) : List.of());
    }

    private static List<ItemView> items(List<Item> items, Locale locale) {
        return items.stream().map(i -> new ItemView(i.identifier(), i.title().resolve(locale), i.identifierref(),
                i.launchHref(), i.sco(), i.visible(), i.parameters(), i.masteryScore(), i.dataFromLms(),
                i.maxTimeAllowed(), i.timeLimitAction(), i.completionThreshold(), i.scaledPassingScore(),
                i.adlData(), i.sequencingXml() != null, items(i.children(), locale))).toList();
    }

    private Response run(LearnerContext author, InputStream body,
                         java.util.function.Function<InputStream, PackageImporter.Imported> importing) {
        if (body == null) {
            throw reject(PackageRejected.of(400, "upload-empty", "The upload is empty.", null));
        }
        try (InputStream in = body) {
            return created(author, importing.apply(in));
        } catch (PackageRejected e) {
            throw reject(e);
        } catch (IOException e) {
            throw reject(PackageRejected.of(400, "upload-failed", "The upload could not be read.", null));
        }
    }

    private static Response created(LearnerContext author, PackageImporter.Imported imported) {
        ScormPackage p = imported.pkg();
        return Response.status(201).entity(new ImportView(p.id(), p.lineId(), p.courseId(), p.version(),
                p.edition().name(), p.edition().displayName(), p.title().resolve(locale(author)),
                p.title().values(), imported.problems())).build();
    }

    private void checkLength(Long contentLength) {
        long max = importer.limits().maxUploadBytes();
        if (contentLength != null && contentLength > max + 64 * 1024) {
            throw reject(PackageRejected.of(413, "upload-too-large", "The upload is larger than " + max
                    + " bytes, the limit of this server.", null));
        }
    }

    static PackageImporter.Options options(String course, String language, String visibility,
                                                   List<String> share) {
        CourseVisibility v = null;
        if (visibility != null && !visibility.isBlank()) {
            try {
                v = CourseVisibility.valueOf(visibility.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw PlayerException.badRequest("bad-visibility", "visibility must be GLOBAL, TENANT or SHARED");
            }
        }
        Set<String> shares = new LinkedHashSet<>();
        if (share != null) {
            share.stream().flatMap(s -> List.of(s.split(",")).stream()).map(String::strip)
                    .filter(s -> !s.isEmpty()).forEach(shares::add);
        }
        if (v == null && !shares.isEmpty()) {
            v = CourseVisibility.SHARED;
        }
        return new PackageImporter.Options(blankToNull(course), blankToNull(language), v, shares);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Locale locale(LearnerContext learner) {
        return Optional.ofNullable(learner.preferredLocale()).orElse(Locale.ENGLISH);
    }

    /** The error body {@code {status, code, message, details: {problems}}} with the first problem's code. */
    static PlayerException reject(PackageRejected e) {
        String code = e.problems().isEmpty() ? "package-rejected" : e.status() == 422 ? "package-invalid"
                : e.problems().get(0).code();
        String message = e.status() == 422 ? "The package has " + e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR)
                .count() + " error(s); see details.problems. Nothing was stored." : e.getMessage();
        return new PlayerException(e.status(), code, message, Map.of("problems", e.problems()));
    }
}
