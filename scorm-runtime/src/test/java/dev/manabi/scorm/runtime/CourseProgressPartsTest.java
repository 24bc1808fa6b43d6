package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.Course;
import dev.manabi.i18n.LocalizedText;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /courses/{id}/progress/me} of a course without SCORM parts (e.g. a tincan.xml package): the parts'
 * progress facts as the modules recorded them ({@link CourseProgress#ofParts}).
 */
class CourseProgressPartsTest {

    private static Course course(Course.Component... components) {
        return new Course("c1", "a", LocalizedText.untagged("Geology"), "en", CourseVisibility.TENANT, Set.of(),
                List.of(components), "ann", Instant.EPOCH);
    }

    @Test
    void nothing_recorded_is_not_attempted() {
        CourseProgress p = CourseProgress.ofParts(course(new Course.Component("tincan", "line-1", null)), List.of());
        assertThat(p.completion()).isEqualTo("not attempted");
        assertThat(p.success()).isEqualTo("unknown");
        assertThat(p.scoreScaled()).isNull();
        assertThat(p.activities()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("tincan:line-1");
            assertThat(a.title()).containsValue("Geology");
        });
    }

    @Test
    void a_started_part_is_incomplete_and_a_passed_one_completes_the_course_with_its_score() {
        Course c = course(new Course.Component("tincan", "line-1", null));
        assertThat(CourseProgress.ofParts(c, List.of(new ProgressFact("tincan", "line-1", false, null, null, null)))
                .completion()).isEqualTo("incomplete");
        CourseProgress passed = CourseProgress.ofParts(c, List.of(new ProgressFact("tincan", "line-1", true, true,
                90.0, 100.0), new ProgressFact("quiz", "line-1", false, false, 1.0, 10.0)));
        assertThat(passed.completion()).isEqualTo("completed");
        assertThat(passed.success()).isEqualTo("passed");
        assertThat(passed.scoreScaled()).isEqualTo(0.9);
        assertThat(passed.totalTime()).isEqualTo("PT0H0M0S");
    }

    @Test
    void every_part_must_be_completed_and_a_failed_part_fails_the_course() {
        Course c = course(new Course.Component("tincan", "line-1", null), new Course.Component("quiz", "q1", null));
        CourseProgress p = CourseProgress.ofParts(c, List.of(new ProgressFact("tincan", "line-1", true, true, 80.0,
                100.0), new ProgressFact("quiz", "q1", true, false, 4.0, 10.0)));
        assertThat(p.completion()).isEqualTo("completed");
        assertThat(p.success()).isEqualTo("failed");
        assertThat(p.scoreScaled()).isCloseTo(0.6, within(1e-9));
        assertThat(CourseProgress.ofParts(c, List.of(new ProgressFact("tincan", "line-1", true, true, null, null)))
                .completion()).isEqualTo("incomplete");
    }
}
