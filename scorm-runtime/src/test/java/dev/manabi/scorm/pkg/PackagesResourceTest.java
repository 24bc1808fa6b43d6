package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP contract pieces of the package resource that do not need a container. */
class PackagesResourceTest {

    @Test
    void rejectionsBecomeAReportWithTheRightStatus() throws Exception {
        PackageRejected invalid = new PackageRejected(422, List.of(
                Problem.error("unresolved-identifierref", "Item 'a' refers to resource 'x'...", "/manifest/x"),
                Problem.warning("file-missing", "'b.css' is listed...", "/manifest/y")));
        PlayerException e = PackagesResource.reject(invalid);
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("package-invalid");
        assertThat(e.getMessage()).contains("1 error(s)").contains("Nothing was stored");
        String json = Json.mapper().writeValueAsString(e.details());
        assertThat(json).isEqualTo("{\"problems\":[{\"severity\":\"ERROR\",\"code\":\"unresolved-identifierref\","
                + "\"message\":\"Item 'a' refers to resource 'x'...\",\"location\":\"/manifest/x\"},"
                + "{\"severity\":\"WARNING\",\"code\":\"file-missing\",\"message\":\"'b.css' is listed...\","
                + "\"location\":\"/manifest/y\"}]}");

        PlayerException bomb = PackagesResource.reject(PackageRejected.of(400, "zip-bomb", "boom", "zip:a"));
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.code()).isEqualTo("zip-bomb");
        assertThat(PackagesResource.reject(PackageRejected.of(413, "upload-too-large", "big", null)).status())
                .isEqualTo(413);
    }

    @Test
    void storedProblemsReadBackUnchanged() {
        List<Problem> problems = List.of(Problem.warning("file-missing", "m", "/manifest"),
                Problem.error("x", "y", null));
        assertThat(TreeJson.readProblems(TreeJson.write(problems))).isEqualTo(problems);
    }

    @Test
    void queryOptions() {
        PackageImporter.Options o = PackagesResource.options(" c1 ", "ja", null, List.of("b,c", " d "));
        assertThat(o.courseId()).isEqualTo("c1");
        assertThat(o.language()).isEqualTo("ja");
        assertThat(o.visibility()).isEqualTo(CourseVisibility.SHARED);
        assertThat(o.sharedWith()).containsExactlyInAnyOrder("b", "c", "d");
        assertThat(PackagesResource.options(null, "", "global", null).visibility())
                .isEqualTo(CourseVisibility.GLOBAL);
        assertThat(catchThrowable(() -> PackagesResource.options(null, null, "public", null)))
                .isInstanceOfSatisfying(PlayerException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("bad-visibility");
                });
    }
}
