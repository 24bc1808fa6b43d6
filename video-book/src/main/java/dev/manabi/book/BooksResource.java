package dev.manabi.book;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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
                book.completionShareOr(tracker.completionShare), topics);
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
                         @QueryParam("course") String courseId, @HeaderParam("Range") String range,
                         @HeaderParam("If-Range") String ifRange, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws IOException {
        Book book = library.requireInCourse(requireCourse(courseId), bookId, current.require());
        java.nio.file.Path path = FileDelivery.resolve(book, library.directory(bookId), file)
                .orElseThrow(() -> PlayerException.notFound("Book '" + bookId + "' has no file '" + file + "'"));
        FileDelivery.Plan plan = FileDelivery.plan(path, FileDelivery.mediaType(book, file), range, ifRange,
                ifNoneMatch);
        Response.ResponseBuilder response = Response.status(plan.status());
        plan.headers().forEach(response::header);
        if (plan.status() == 416) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 416);
            body.put("code", "range-not-satisfiable");
            body.put("message", "The requested range lies outside the file");
            body.put("details", null);
            return response.type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
        if (plan.status() == 200 || plan.status() == 206) {
            response.entity(bytes(path, plan.offset(), plan.length()));
        }
        return response.build();
    }

    private static StreamingOutput bytes(java.nio.file.Path path, long offset, long length) {
        return (OutputStream out) -> {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long position = offset;
                long remaining = length;
                while (remaining > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                    int n = channel.read(buffer, position);
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer.array(), 0, n);
                    position += n;
                    remaining -= n;
                }
            }
        };
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
