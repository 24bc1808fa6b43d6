package dev.manabi.core;

import static dev.manabi.core.CourseStandings.PageLanguages.everywhere;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.ProgressFact;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.i18n.LocalizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The course list's one call ({@code GET /me/courses}, i.e. {@link CourseStandings#page}) for a learner who may see
 * {@code courses} courses on H2, each with a five-language title and three parts (SCORM, quiz, video book), half of
 * them started (a SCO fact and a part fact), a quarter finished: the catalog's three queries and the learner's facts,
 * then status, progress and search in memory. A report, not a timed test (README "Benchmarks"): warms up, then times
 * {@code rounds} calls of the first page and of a search, and writes p50/p95/max to {@code <dir>/course-list.md}.
 *
 * <p>{@code java -cp <test classpath> dev.manabi.core.CourseListBenchmark target/benchmarks [courses] [rounds]}
 */
public final class CourseListBenchmark {

    private static final LearnerContext AUTHOR = new LearnerContext("author", "Author", null, new Tenant("a", "A"),
            Set.of(Role.CONTENT_AUTHOR), null);
    private static final LearnerContext LEARNER = new LearnerContext("learner", "Learner", null, new Tenant("a", "A"),
            Set.of(Role.LEARNER), null);

    private CourseListBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
        int courses = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path report = run(dir, courses, rounds);
        System.out.println(Files.readString(report));
    }

    /** Seeds, measures and writes the report; returns its path. */
    static Path run(Path dir, int courses, int rounds) throws IOException {
        DataSource ds = TestDatabases.h2();
        Path content = Files.createTempDirectory("manabi-bench");
        CoreFixtures core = new CoreFixtures(ds, content);
        CourseStandings standings = new CourseStandings();
        standings.database = core.database;
        standings.catalog = core.catalog;
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < courses; i++) {
            Map<String, String> title = new LinkedHashMap<>();
            title.put("ja", "コース " + i);
            title.put("en", "Course " + i);
            title.put("zh-Hans", "课程 " + i);
            title.put("zh-Hant", "課程 " + i);
            title.put("ko", "과정 " + i);
            Course c = CourseCatalog.Store.create(ds, AUTHOR, new CourseCatalog.Draft(new LocalizedText(title), "ja",
                    CourseVisibility.TENANT, Set.of()), t);
            CourseCatalog.Store.addComponent(ds, c.id(), new Course.Component("scorm", "line-" + i, null));
            CourseCatalog.Store.addComponent(ds, c.id(), new Course.Component("quiz", "quiz-" + i, null));
            CourseCatalog.Store.addComponent(ds, c.id(), new Course.Component("book", "book-" + i, null));
            if (i % 2 == 0) {
                ProgressLedger.Store.record(ds, LEARNER, c.id(), new ProgressFact("sco", "line-" + i + "/s1", true,
                        null, null, null), t.plusSeconds(i));
                ProgressLedger.Store.record(ds, LEARNER, c.id(), new ProgressFact("scorm", "line-" + i, i % 4 == 0,
                        null, null, null), t.plusSeconds(i));
            }
            if (i % 4 == 0) {
                ProgressLedger.Store.record(ds, LEARNER, c.id(), new ProgressFact("quiz", "quiz-" + i, true, true,
                        80.0, 100.0), t.plusSeconds(i));
                ProgressLedger.Store.record(ds, LEARNER, c.id(), new ProgressFact("book", "book-" + i, true, null,
                        null, null), t.plusSeconds(i));
            }
        }
        CourseStandings.Page check = standings.page(LEARNER, everywhere("ja"), null, null, 0, 20);
        if (check.counts().get("all") != courses) {
            throw new IllegalStateException("seeded " + courses + " courses but the list sees " + check.counts());
        }
        for (int i = 0; i < Math.max(50, rounds / 3); i++) {
            standings.page(LEARNER, everywhere("ja"), null, null, 0, 20);
        }
        long[] firstPage = time(rounds, () -> standings.page(LEARNER, everywhere("ja"), null, null, 0, 20));
        long[] search = time(rounds, () -> standings.page(LEARNER, everywhere("ko"), "in-progress", "과정 1", 0, 20));
        Files.createDirectories(dir);
        Path report = dir.resolve("course-list.md");
        Files.writeString(report, String.format(Locale.ROOT, """
                # Course list: GET /me/courses on H2

                One learner, %d visible courses (five-language titles, three parts each: SCORM, quiz, video book),
                half started, a quarter finished; %d timed calls after warm-up. Each call: the catalog's three queries,
                one query for the learner's progress facts, status/progress/search in memory. Target: < 100 ms.

                | call | p50 ms | p95 ms | max ms |
                |---|---|---|---|
                | first page (20 of %d) | %.2f | %.2f | %.2f |
                | search "과정 1", filter in-progress | %.2f | %.2f | %.2f |

                Java %s, %d processors.
                """, courses, rounds, courses, ms(firstPage, 50), ms(firstPage, 95), ms(firstPage, 100),
                ms(search, 50), ms(search, 95), ms(search, 100), Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        return report;
    }

    private static long[] time(int rounds, Runnable call) {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
