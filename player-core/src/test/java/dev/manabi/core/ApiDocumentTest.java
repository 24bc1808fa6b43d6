package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SDK's OpenAPI document lists exactly its resource methods, each once with its verb and its path as OpenAPI
 * writes it. (The document served by real servers is checked by {@code DropInIT} on Open Liberty, Payara and
 * WildFly, which compares it with the code both ways.)
 */
class ApiDocumentTest {

    @Path("/things")
    public static class ThingsResource {
        @GET
        public List<String> list() {
            return List.of();
        }

        @POST
        public Response create(String body) {
            return Response.ok().build();
        }

        @GET
        @Path("/{thingId}/files/{file: .+}")
        public Response file(@PathParam("thingId") String thing, @PathParam("file") String file) {
            return Response.ok().build();
        }

        @PUT
        @Path("{thingId}/")
        public void replace(@PathParam("thingId") String thing, String body) {
        }

        @DELETE
        @Path("//{thingId}")
        public void remove(@PathParam("thingId") String thing) {
        }

        /** Not a resource method: no verb. */
        public String helper() {
            return "";
        }
    }

    /** A provider: no {@code @Path}, so nothing to document. */
    public static class SomeProvider {
        @GET
        public String notAResource() {
            return "";
        }
    }

    @Test
    void everyResourceMethodIsListedOnceWithItsVerbAndTemplatePath() {
        var operations = ApiDocument.operations(List.of(ThingsResource.class, SomeProvider.class));

        assertThat(operations).extracting(o -> o.verb() + " " + o.path()).containsExactly(
                "GET /manabi/api/things",
                "POST /manabi/api/things",
                "PUT /manabi/api/things/{thingId}",
                "DELETE /manabi/api/things/{thingId}",
                "GET /manabi/api/things/{thingId}/files/{file}");
        assertThat(operations).extracting(o -> o.method().getName())
                .containsExactly("list", "create", "replace", "remove", "file");
    }

    @Test
    void pathsAreJoinedWithoutDoubleOrTrailingSlashesAndTemplatesLoseTheirRegularExpression() {
        assertThat(ApiDocument.path("/manabi/api", "/me", "")).isEqualTo("/manabi/api/me");
        assertThat(ApiDocument.path("/manabi/api/", "books/", "/{bookId}/files/{file: .+}"))
                .isEqualTo("/manabi/api/books/{bookId}/files/{file}");
        assertThat(ApiDocument.path("/manabi/api", "/quizzes", "{ quizId : [a-z]+ }/results.csv"))
                .isEqualTo("/manabi/api/quizzes/{quizId}/results.csv");
        assertThat(ApiDocument.path("", "", "")).isEqualTo("/");
    }

    /** The core module's real resources: every public resource method in, nothing else, no root entry. */
    @Test
    void theCoresResourcesAreAllDocumentedAndNothingElse() {
        Set<Class<?>> classes = new CoreRestComponents().classes();
        Set<String> fromCode = new TreeSet<>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(Path.class)) {
                for (Method m : type.getDeclaredMethods()) {
                    if (Arrays.stream(m.getAnnotations()).map(Annotation::annotationType)
                            .anyMatch(a -> a.isAnnotationPresent(HttpMethod.class))) {
                        fromCode.add(type.getSimpleName() + "#" + m.getName());
                    }
                }
            }
        }
        var operations = ApiDocument.operations(classes);
        Set<String> documented = operations.stream().map(o -> o.method().getDeclaringClass().getSimpleName() + "#"
                + o.method().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(fromCode);
        assertThat(operations).hasSize(fromCode.size());
        assertThat(operations).extracting(ApiDocument.ApiOperation::path)
                .allMatch(p -> p.startsWith("/manabi/api/"))
                .noneMatch(p -> p.contains(":") || p.endsWith("/"))
                .contains("/manabi/api/me", "/manabi/api/me/language", "/manabi/api/admin/learners");
        assertThat(operations.stream().map(o -> o.verb() + " " + o.path()).distinct().count())
                .as("no verb and path twice").isEqualTo(operations.size());
    }
}
