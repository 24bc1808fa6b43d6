package dev.manabi.badges;

import dev.manabi.api.CompletionRulesSaved;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.Course;
import dev.manabi.core.SecretSealer;
import dev.manabi.i18n.LocalizedText;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/** A {@link Badges} on a test database, with courses, rule verdicts and configuration the test sets. */
final class TestBadges {

    static final Tenant UNI_A = new Tenant("uni-a", "University A");
    static final Tenant UNI_B = new Tenant("uni-b", "University B");
    static final LearnerContext ALICE = person("alice", UNI_A, "Alice@Uni-A.example", Role.LEARNER);
    static final LearnerContext CAROL = person("carol", UNI_A, null, Role.LEARNER);
    static final LearnerContext BOB = person("bob", UNI_B, "bob@uni-b.example", Role.LEARNER);
    static final LearnerContext AUTHOR = person("author", UNI_A, "author@uni-a.example", Role.CONTENT_AUTHOR);
    static final LearnerContext ADMIN_A = person("admin-a", UNI_A, "admin@uni-a.example", Role.INSTITUTION_ADMIN);
    static final LearnerContext ADMIN_B = person("admin-b", UNI_B, "admin@uni-b.example", Role.INSTITUTION_ADMIN);
    static final LearnerContext ROOT = person("root", UNI_A, "root@example", Role.PLATFORM_ADMIN);
    static final OpenBadges.Urls URLS = new OpenBadges.Urls(URI.create("https://portal.example/manabi/api/"));
    static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");
    /** Seals the issuers' keys under a fixed test key (the server's comes from configuration or manabi_setting). */
    static final SecretSealer SEALER = SecretSealer.ofKey("badges-test-sealing-key-32-bytes".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));

    final DataSource ds;
    final Map<String, Course> courses = new HashMap<>();
    final Map<String, CourseOutcomes.Outcome> outcomes = new HashMap<>();
    final Map<String, String> config = new HashMap<>();
    final Badges badges;

    TestBadges(DataSource ds) {
        this.ds = ds;
        CourseOutcomes verdicts = (learner, courseIds) -> {
            Map<String, CourseOutcomes.Outcome> out = new HashMap<>();
            courseIds.forEach(id -> Optional.ofNullable(outcomes.get(learner.learnerId() + "/" + id))
                    .ifPresent(o -> out.put(id, o)));
            return out;
        };
        this.badges = new Badges(ds, id -> Optional.ofNullable(courses.get(id)), verdicts,
                new Issuers(key -> Optional.ofNullable(config.get(key))), () -> SEALER, Clock.fixed(T0, ZoneOffset.UTC),
                new dev.manabi.core.AuditLog());
    }

    /** Badges on the given catalog and rule verdicts (the real ones, for tests through the completion rules). */
    TestBadges(DataSource ds, Function<String, Optional<Course>> catalog, CourseOutcomes verdicts) {
        this.ds = ds;
        this.badges = new Badges(ds, catalog, verdicts, new Issuers(key -> Optional.ofNullable(config.get(key))),
                () -> SEALER, Clock.fixed(T0, ZoneOffset.UTC), new dev.manabi.core.AuditLog());
    }

    static LearnerContext person(String id, Tenant tenant, String mail, Role... roles) {
        return new LearnerContext(id, id, mail, tenant, Set.of(roles), null);
    }

    Course course(String id, String owner, CourseVisibility visibility) {
        Course c = new Course(id, owner, new LocalizedText(Map.of("en", "Safety " + id, "ja", "安全 " + id)), "en",
                visibility, Set.of(), List.of(), "author", T0);
        courses.put(id, c);
        return c;
    }

    /** Saves rules as the quiz engine announces them (the JSON uses single quotes for readability). */
    void rules(String courseId, String json) {
        badges.rulesSaved(new CompletionRulesSaved(courseId, json.replace('\'', '"'), AUTHOR, T0));
    }
}
