package dev.manabi.book;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.core.CurrentLearner;
import dev.manabi.core.FileDelivery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Books over HTTP: import, the book as played in a course, its media with HTTP Range, and watch progress. Every read
 * names the course ({@code ?course=}) because access follows the course: visible to the learner and holding the book,
 * otherwise 404 (existence is not revealed across institutions).
 */
@Path("/books")
@RequestScoped
@Tag(name = "books")
public class BooksResource {

    @Inject
    CurrentLearner current;

    @Inject
    BookLibrary library;

    @Inject
    BookImport importer;

    @Inject
    WatchTracker tracker;

    /** A book as the player shows it; texts in every language so the player can switch without a reload. */
    public record BookView(String id, Map<String, String> title, Map<String, String> description,
                           String defaultLanguage, double completionShare, List<TopicView> topics) {
    }

    public record TopicView(String id, Map<String, String> title, Map<String, String> description,
                            Topic.Video video, List<Subtitle> subtitles, List<LinkView> links) {
    }

    public record LinkView(String url, Map<String, String> label, String language) {
    }

    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a book zip (book.json + media); 422 with a validation report when invalid")
    public Response importBook(InputStream zip, @QueryParam("course") String courseId) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.PLATFORM_ADMIN);
        BookImport.Imported imported = importer.importZip(author, zip, blankToNull(courseId));
        return Response.status(201).entity(imported).build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a book zip sent as the multipart/form-data field 'file' (an HTML form, curl -F)")
    public Response importBookForm(List<EntityPart> parts, @QueryParam("course") String courseId) {
        LearnerContext author = current.requireAny(Role.CONTENT_AUTHOR, Role.PLATFORM_ADMIN);
        EntityPart file = parts == null ? null
                : parts.stream().filter(p -> "file".equals(p.getName())).findFirst().orElse(null);
        if (file == null) {
            throw PlayerException.badRequest("upload-field-missing",
                    "The form has no field named 'file'. Send the book zip in a field called 'file'.");
        }
        BookImport.Imported imported = importer.importZip(author, file.getContent(), blankToNull(courseId));
        return Response.status(201).entity(imported).build();
    }

    @GET
    @Path("/{bookId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A book as played in a course")
    public BookView book(@PathParam("bookId") String bookId, @QueryParam("course") String courseId) {
        Book book = library.requireInCourse(requireCourse(courseId), bookId, current.require());
        List<TopicView> topics = book.topics().stream().map(t -> new TopicView(t.id(), t.title().values(),
                t.description().values(), t.video(), t.subtitles(), t.links().stream()
                .map(l -> new LinkView(l.url(), l.label().values(), l.language())).toList())).toList();
        return new BookView(book.id(), book.title().values(), book.description().values(), book.defaultLanguage(),
                tracker.completionShare(book), topics);
    }

    @GET
    @Path("/{bookId}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's watch progress on a book in a course")
    public BookProgress progress(@PathParam("bookId") String bookId, @QueryParam("course") String courseId) {
        return tracker.progress(current.require(), requireCourse(courseId), bookId);
    }

    @POST
    @Path("/{bookId}/topics/{topicId}/progress")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a played interval and/or the position; answers the topic's progress")
    public TopicProgress report(@PathParam("bookId") String bookId, @PathParam("topicId") String topicId,
                                @QueryParam("course") String courseId, PlayReport report) {
        return tracker.report(current.require(), requireCourse(courseId), bookId, topicId, report);
    }

    @GET
    @Path("/{bookId}/files/{file: .+}")
    @Operation(summary = "A video or subtitle file of the book, with HTTP Range (RFC 7233) and ETag")
    public Response file(@PathParam("bookId") String bookId, @PathParam("file") String file,
                         @QueryParam("course") String courseId, @Context HttpHeaders headers) throws IOException {
        Book book = library.requireInCourse(requireCourse(courseId), bookId, current.require());
        java.nio.file.Path path = BookFiles.resolve(book, library.directory(bookId), file)
                .orElseThrow(() -> PlayerException.notFound("Book '" + bookId + "' has no file '" + file + "'"));
        return FileDelivery.response(path, BookFiles.mediaType(book, file), FileDelivery.Conditions.of(headers));
    }

    private static String requireCourse(String courseId) {
        if (courseId == null || courseId.isBlank()) {
            throw PlayerException.badRequest("course-required", "Name the course: ?course=<course id>");
        }
        return courseId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
