package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.core.spi.LearningRecords;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The learning records API ({@link RecordsResource}, README "Learning records") over given {@link LearningRecords}
 * contributions instead of CDI's, for the core's and the content modules' tests: a module checks the JSON and CSV
 * that institutions download for its content kind. Core test-jar only.
 */
public final class RecordsDownloads {

    private RecordsDownloads() {
    }

    /** Makes {@code learner} a member the records list (as the host presenting them once does). */
    public static void member(CoreFixtures core, LearnerContext learner, java.time.Instant at) {
        LearnerDirectory.Store.remember(core.dataSource, learner, at);
    }

    /** The resource as {@code who} calls it (HTTP Basic {@code authorization} or null) over {@code kinds}. */
    public static RecordsResource as(CoreFixtures core, LearnerContext who, String authorization,
                                     List<LearningRecords> kinds) {
        RecordsResource r = new RecordsResource();
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.ofNullable(who);
            }
        };
        FakeRequest request = new FakeRequest();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        r.request = request.build();
        r.catalog = core.catalog;
        r.records = new CourseRecords();
        r.records.contributionsOverride = List.copyOf(kinds);
        r.directory = new LearnerDirectory();
        r.directory.database = core.database;
        r.credentials = new RecordsCredentials();
        r.credentials.database = core.database;
        r.audit = core.audit;
        return r;
    }

    /** The history CSV of the course in English, times in UTC, as {@code admin} downloads it. */
    public static String historyCsv(CoreFixtures core, LearnerContext admin, String courseId,
                                    List<LearningRecords> kinds) throws Exception {
        return csv(as(core, admin, null, kinds).history(courseId, null, null, null, null, null, null, "csv", "en",
                null));
    }

    /** The grades CSV of the course in English, as {@code admin} downloads it. */
    public static String gradesCsv(CoreFixtures core, LearnerContext admin, String courseId,
                                   List<LearningRecords> kinds) throws Exception {
        return csv(as(core, admin, null, kinds).grades(courseId, null, null, null, null, null, null, "csv", "en",
                null));
    }

    /** A CSV answer's text, after checking its type and the UTF-8 BOM. */
    public static String csv(Response response) throws Exception {
        assertThat(response.getMediaType().toString()).startsWith("text/csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((StreamingOutput) response.getEntity()).write(out);
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
}
