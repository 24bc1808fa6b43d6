package dev.manabi.core;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.i18n.LocalizedText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalog: courses the caller may see, and course creation and sharing for authors and admins. */
@Path("/courses")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalog")
public class CoursesResource {

    @Inject
    CurrentLearner current;

    @Inject
    CourseCatalog catalog;

    @Inject
    UiLanguages languages;

    @Inject
    OfferedLanguages offered;

    @Inject
    LearnerDirectory directory;

    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
    String acceptLanguage;

    /** A course as one viewer sees it; {@code language} is the UI language negotiated for them in this course. */
    public record CourseView(String id, Map<String, String> title, String defaultLanguage, String ownerTenantId,
                             CourseVisibility visibility, Set<String> sharedWith, List<Course.Component> components,
                             boolean editable, Instant createdAt, String language, Set<String> offeredLanguages) {

        static CourseView of(Course c, LearnerContext viewer, String language, Set<String> offeredLanguages) {
            boolean editable = c.editableBy(viewer);
            return new CourseView(c.id(), c.title().values(), c.defaultLanguage(), c.ownerTenantId(), c.visibility(),
                    editable ? c.sharedWith() : Set.of(), c.components(), editable, c.createdAt(), language,
                    offeredLanguages);
        }
    }

    public record NewCourse(Map<String, String> title, String defaultLanguage, CourseVisibility visibility,
                            Set<String> sharedWith) {
    }

    public record Sharing(CourseVisibility visibility, Set<String> sharedWith) {
    }

    @GET
    @Operation(summary = "Courses the caller may play")
    public List<CourseView> list() {
        LearnerContext learner = current.require();
        List<Course> courses = catalog.visibleTo(learner);
        Map<String, Set<String>> offeredByCourse = offered.of(courses);
        String chosen = directory.uiLanguage(learner).orElse(null);
        return courses.stream().map(c -> {
            Set<String> tags = offeredByCourse.get(c.id());
            return CourseView.of(c, learner,
                    languages.negotiate(learner, chosen, c, tags, acceptLanguage).tag(), tags);
        }).toList();
    }

    @GET
    @Path("/{courseId}")
    @Operation(summary = "One course (404 when it does not exist or is not visible to the caller)")
    public CourseView get(@PathParam("courseId") String courseId) {
        LearnerContext learner = current.require();
        return view(catalog.requireVisible(courseId, learner), learner);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an empty course owned by the caller's institution")
    public Response create(NewCourse body) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.INSTITUTION_ADMIN, Role.PLATFORM_ADMIN);
        if (body == null || body.title() == null) {
            throw PlayerException.badRequest("title-required", "A course needs a title in at least one language");
        }
        Course course = catalog.create(author, new CourseCatalog.Draft(new LocalizedText(body.title()),
                body.defaultLanguage(), body.visibility(), body.sharedWith() == null ? Set.of() : body.sharedWith()));
        return Response.status(201).entity(view(course, author)).build();
    }

    @PUT
    @Path("/{courseId}/sharing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Limit a course to its institution, share it with named institutions, or make it global")
    public CourseView share(@PathParam("courseId") String courseId, Sharing body) {
        LearnerContext admin = current.require();
        catalog.requireEditable(courseId, admin);
        if (body == null || body.visibility() == null) {
            throw PlayerException.badRequest("visibility-required", "Give visibility GLOBAL, TENANT or SHARED");
        }
        CourseCatalog.checkPublishing(admin, body.visibility(), body.sharedWith());
        Set<String> shares = body.visibility() == CourseVisibility.SHARED ? body.sharedWith() : Set.of();
        return view(catalog.share(admin, courseId, body.visibility(), shares), admin);
    }

    private CourseView view(Course course, LearnerContext viewer) {
        Set<String> tags = offered.of(course);
        String chosen = directory.uiLanguage(viewer).orElse(null);
        return CourseView.of(course, viewer, languages.negotiate(viewer, chosen, course, tags, acceptLanguage).tag(),
                tags);
    }
}
