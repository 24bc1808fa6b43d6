package dev.manabi.scorm.runtime;

import dev.manabi.core.TestDatabases;
import dev.manabi.core.TestZips;
import dev.manabi.scorm.pkg.PackageImporter;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.TestPlatform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run-time path of a SCORM 2004 navigation on a 200-activity package (1 organization, 19 modules with flow,
 * choice and rollup, 180 SCOs), on H2: a TOC choice through {@link ScormRuntime#navigate} (the attempt's row lock,
 * state loaded, OP.1 with termination and rollup, state and course status saved) and the attempt view the player
 * fetches after it ({@link ScormRuntimeResource#view}: the look-ahead of every activity for the TOC). Issue 12
 * target: a navigation request under 5 ms. Sampled per call; run by {@link Benchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SequencedNavigationBenchmark {

    static final int MODULES = 19;
    static final int SCOS_PER_MODULE = 180 / MODULES;

    private Path content;
    private ScormRuntime runtime;
    private ScormRuntimeResource resource;
    private String attemptId;
    private boolean far;

    /** 1 + 19 + 180 activities: module m has SCOs m{m}s{0..} (the last modules one more to reach 180). */
    static String manifest() {
        StringBuilder items = new StringBuilder();
        int sco = 0;
        for (int m = 0; m < MODULES; m++) {
            items.append("<item identifier=\"m").append(m).append("\"><title>Module ").append(m).append("</title>");
            int count = SCOS_PER_MODULE + (m >= MODULES - 180 % MODULES ? 1 : 0);
            for (int s = 0; s < count; s++, sco++) {
                items.append("<item identifier=\"m").append(m).append('s').append(s)
                        .append("\" identifierref=\"r\"><title>Page</title></item>");
            }
            items.append("<imsss:sequencing><imsss:controlMode choice=\"true\" flow=\"true\"/></imsss:sequencing>")
                    .append("</item>");
        }
        if (sco != 180) {
            throw new IllegalStateException(sco + " SCOs");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest identifier="bench-200" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
                    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
                  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
                  <organizations default="org"><organization identifier="org"><title>200 activities</title>
                  %s
                  <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
                  </organization></organizations>
                  <resources><resource identifier="r" type="webcontent" adlcp:scormType="sco" href="index.html">
                    <file href="index.html"/></resource></resources>
                </manifest>
                """.formatted(items);
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        DataSource ds = TestDatabases.h2();
        content = Files.createTempDirectory("manabi-bench-seq");
        TestPlatform platform = new TestPlatform(ds, content);
        ScormPackage pkg = platform.importer.importPackage(CommitBenchmark.AUTHOR, new ByteArrayInputStream(
                TestZips.zip().add("imsmanifest.xml", manifest()).add("index.html", "<html></html>").bytes()),
                PackageImporter.Options.defaults()).pkg();
        runtime = RuntimeFixtures.runtime(platform);
        resource = new ScormRuntimeResource();
        resource.runtime = runtime;
        attemptId = runtime.currentAttempt(CommitBenchmark.LEARNER, pkg.courseId(), pkg.lineId()).id();
        runtime.navigate(CommitBenchmark.LEARNER, attemptId, "start", null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(content)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A TOC choice, alternating between a SCO near the start and one near the end of the tree. */
    @Benchmark
    public ActivityTree.Delivery choice() {
        far = !far;
        return runtime.navigate(CommitBenchmark.LEARNER, attemptId, "choice", far ? "m17s3" : "m1s2");
    }

    /** The attempt view after a request: the sequencer's look-ahead over all 200 activities and the TOC. */
    @Benchmark
    public ScormRuntimeResource.AttemptView view() {
        return resource.view(runtime.attempt(CommitBenchmark.LEARNER, attemptId));
    }
}
