package dev.manabi.samplehost.bench;

import dev.manabi.samplehost.e2e.Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Load harness (a report, not a timed test) for issue 16's measure: the course list's one call,
 * {@code GET /manabi/api/me/courses}, over HTTP on the running sample host (H2), for a learner who sees at least
 * {@code courses} courses. The courses are imported quizzes with five-language titles and descriptions, so each call
 * goes through the whole stack: authentication, the catalog, offered languages asked of the quiz module in bulk,
 * completion-rule outcomes, the learner's progress facts, JSON. Writes p50/p95/max of the first page and of a filtered
 * search to {@code target/benchmarks/course-list-http.md}.
 *
 * <p>{@code java -cp <test classpath> -Dmanabi.baseUrl=http://localhost:9080 ...CourseListHttpBenchmark [courses]
 * [rounds] [report]}, or {@code ./mvnw -Pbench -pl sample-host -am verify} (starts the IT server).
 */
public final class CourseListHttpBenchmark {

    private CourseListHttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int courses = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path out = Path.of(args.length > 2 ? args[2] : "target/benchmarks/course-list-http.md");
        String quiz = Files.readString(Path.of("src/main/demo/quiz/infosec-basics.json"), StandardCharsets.UTF_8);
        Api author = Api.as("author");
        Api learner = Api.as("alice");
        int seen = learner.get("/manabi/api/me/courses?limit=1").json().path("counts").path("all").asInt();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = seen; i < courses; i++) {
            Api.Reply r = author.postJson("/manabi/api/quizzes", quiz.replace("\"id\": \"infosec-basics\"",
                    "\"id\": \"bench-" + run + "-" + i + "\""));
            if (r.status() != 201) {
                throw new IllegalStateException("seeding quiz " + i + ": HTTP " + r.status() + " " + r.text());
            }
        }
        int total = learner.get("/manabi/api/me/courses?limit=1").json().path("counts").path("all").asInt();
        if (total < courses) {
            throw new IllegalStateException("seeded to " + courses + " courses but the learner sees " + total);
        }
        for (int i = 0; i < 50; i++) {
            page(learner, "/manabi/api/me/courses?offset=0&limit=20");
        }
        long[] first = time(rounds, () -> page(learner, "/manabi/api/me/courses?offset=0&limit=20"));
        long[] search = time(rounds, () -> page(learner, "/manabi/api/me/courses?offset=0&limit=20"
                + "&status=not-started&q=%E6%83%85%E5%A0%B1"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(Locale.ROOT, """
                # Course list over HTTP: GET /manabi/api/me/courses on the sample host (H2)

                Learner alice, %d visible courses (imported quizzes: five-language titles and descriptions, plus the
                demo courses), %d timed calls each after 50 warm-up calls, one client thread, HTTP Basic. Target
                (issue 16): < 100 ms.

                | call | p50 ms | p95 ms | max ms |
                |---|---|---|---|
                | first page (20) | %.1f | %.1f | %.1f |
                | search "情報", filter not-started | %.1f | %.1f | %.1f |

                Java %s, %d processors (client and server on the same machine).
                """, total, rounds, ms(first, 50), ms(first, 95), ms(first, 100), ms(search, 50), ms(search, 95),
                ms(search, 100), Runtime.version(), Runtime.getRuntime().availableProcessors()));
        System.out.println(Files.readString(out));
    }

    private static void page(Api learner, String path) {
        Api.Reply r = learner.get(path);
        if (r.status() != 200) {
            throw new IllegalStateException(path + ": HTTP " + r.status() + " " + r.text());
        }
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
        int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
