package dev.manabi.badges;

import static dev.manabi.badges.TestBadges.ADMIN_A;
import static dev.manabi.badges.TestBadges.ADMIN_B;
import static dev.manabi.badges.TestBadges.ALICE;
import static dev.manabi.badges.TestBadges.BOB;
import static dev.manabi.badges.TestBadges.CAROL;
import static dev.manabi.badges.TestBadges.ROOT;
import static dev.manabi.badges.TestBadges.URLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.manabi.api.CourseOutcomes;
import dev.manabi.api.CourseVisibility;
import dev.manabi.api.PlayerException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BadgesTest {

    private static final String RULES = """
            {'units': [{'id': 'u1', 'when': [{'type': 'quiz', 'quiz': 'q1'}]},
                       {'id': 'u2', 'when': [{'type': 'quiz', 'quiz': 'q2', 'minPercent': 80}]}],
             'course': {'pass': {'quizzes': ['q1', 'q2'], 'aggregate': 'sum', 'atLeast': 70}},
             'badges': [
               {'id': 'unit-two', 'name': {'en': 'Chapter 2', 'ja': '第2章'}, 'description': 'Chapter 2 at 80 %',
                'criteria': 'unit:u2'},
               {'id': 'finisher', 'name': 'Finisher', 'description': {'en': 'Finished', 'ko': '수료'},
                'criteria': 'course-completed'},
               {'id': 'seventy', 'name': 'Seventy', 'description': 'All chapter tests total 70 points',
                'criteria': 'course-passed'}]}
            """;

    private static List<String> badgeIds(TestBadges t, dev.manabi.api.LearnerContext who) {
        return t.badges.mine(who, URLS).stream().map(Badges.MyBadge::badgeId).sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void eachCriteriaKindIssuesOncePerLearnerWhenItFirstHolds(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.SHARED);
        t.rules("c1", RULES);

        assertThat(t.badges.achieved(ALICE, "c1", List.of("unit:u1"))).isEmpty();
        assertThat(t.badges.achieved(ALICE, "c1", List.of("unit:u2"))).hasSize(1);
        assertThat(t.badges.achieved(ALICE, "c1", List.of("unit:u2"))).as("once").isEmpty();
        assertThat(badgeIds(t, ALICE)).containsExactly("unit-two");

        // completed below the 70-point total: the finisher badge, not the passing one
        assertThat(t.badges.achieved(ALICE, "c1", List.of("course-completed"))).hasSize(1);
        assertThat(badgeIds(t, ALICE)).containsExactly("finisher", "unit-two");
        // a retaken chapter test lifts the total: CourseCompleted again with passed
        assertThat(t.badges.achieved(ALICE, "c1", List.of("course-completed", "course-passed"))).hasSize(1);
        assertThat(badgeIds(t, ALICE)).containsExactly("finisher", "seventy", "unit-two");

        // another institution's learner in the shared course gets badges of their own; Alice's stay hers
        assertThat(t.badges.achieved(BOB, "c1", List.of("course-completed", "course-passed"))).hasSize(2);
        assertThat(badgeIds(t, BOB)).containsExactly("finisher", "seventy");
        assertThat(badgeIds(t, ALICE)).hasSize(3);

        Badges.MyBadge mine = t.badges.mine(ALICE, URLS).stream().filter(b -> b.badgeId().equals("unit-two"))
                .findFirst().orElseThrow();
        assertThat(mine.name()).containsEntry("ja", "第2章");
        assertThat(mine.recipientMailKnown()).isTrue();
        assertThat(mine.links().assertion()).isEqualTo(
                "https://portal.example/manabi/api/badges/ob2/assertions/" + mine.assertionId());
        assertThat(mine.links().png()).endsWith(mine.assertionId() + "/badge.png");
        assertThat(mine.links().svg()).endsWith(mine.assertionId() + "/badge.svg");
        assertThat(mine.links().image()).isEqualTo(t.badges.assertion(mine.assertionId(), URLS).json()
                .path("badge").asText() + "/image");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aBadgeDeclaredAfterTheCriteriaWereMetIsIssuedOnTheNextProgress(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        t.rules("c1", "{'units': [{'id': 'u2', 'when': [{'type': 'quiz', 'quiz': 'q2'}]}]}");
        t.badges.achieved(ALICE, "c1", List.of("unit:u2"));
        // Carol completed the course before this module recorded anything: only the rules' verdict knows
        t.outcomes.put("carol/c1", new CourseOutcomes.Outcome(true, true, 75.0));
        assertThat(t.badges.progressed(ALICE, "c1")).isEmpty();

        t.rules("c1", RULES);
        assertThat(badgeIds(t, ALICE)).as("not before their next progress").isEmpty();
        assertThat(t.badges.progressed(ALICE, "c1")).hasSize(1);
        assertThat(badgeIds(t, ALICE)).containsExactly("unit-two");
        assertThat(t.badges.progressed(CAROL, "c1")).hasSize(2);
        assertThat(badgeIds(t, CAROL)).containsExactly("finisher", "seventy");
        assertThat(t.badges.progressed(CAROL, "c1")).as("once").isEmpty();

        // a badge dropped from the rules is not issued any more, but what was issued stays hosted
        String held = t.badges.mine(CAROL, URLS).get(0).assertionId();
        t.rules("c1", "{'units': [{'id': 'u2', 'when': [{'type': 'quiz', 'quiz': 'q2'}]}]}");
        assertThat(t.badges.achieved(BOB, "c1", List.of("unit:u2", "course-completed"))).isEmpty();
        assertThat(t.badges.assertion(held, URLS).gone()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void concurrentEventsIssueOneAssertion(DataSource ds) throws Exception {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        t.rules("c1", RULES);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return t.badges.achieved(ALICE, "c1", List.of("course-completed"));
            }));
        }
        start.countDown();
        List<String> issued = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<String>> r : results) {
            issued.addAll(r.get());
        }
        pool.shutdown();
        assertThat(issued).hasSize(1);
        assertThat(badgeIds(t, ALICE)).containsExactly("finisher");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void hostedDocumentsAreOpenBadgesTwoWithAHashedRecipient(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.TENANT);
        t.course("g1", "uni-b", CourseVisibility.GLOBAL);
        t.config.put("manabi.badges.issuer.uni-a.name", "University A");
        t.config.put("manabi.badges.issuer.uni-a.url", "https://www.uni-a.example/");
        t.config.put("manabi.badges.issuer.uni-a.email", "badges@uni-a.example");
        t.config.put("manabi.badges.issuer.platform.name", "Consortium");
        t.rules("c1", RULES);
        t.rules("g1", RULES);
        String id = t.badges.achieved(ALICE, "c1", List.of("unit:u2")).get(0);

        JsonNode a = t.badges.assertion(id, URLS).json();
        assertThat(a.path("@context").asText()).isEqualTo("https://w3id.org/openbadges/v2");
        assertThat(a.path("type").asText()).isEqualTo("Assertion");
        assertThat(a.path("id").asText()).isEqualTo(URLS.assertion(id));
        assertThat(a.path("verification").path("type").asText()).isEqualTo("hosted");
        assertThat(a.path("issuedOn").asText()).isEqualTo("2026-12-06T01:00:00Z");
        JsonNode recipient = a.path("recipient");
        assertThat(recipient.path("type").asText()).isEqualTo("email");
        assertThat(recipient.path("hashed").asBoolean()).isTrue();
        assertThat(recipient.path("salt").asText()).hasSize(32);
        // a verifier who is told the address checks it against the hash (addresses compare case-insensitively)
        assertThat(recipient.path("identity").asText()).isEqualTo(
                OpenBadges.recipientHash("alice@uni-a.example", recipient.path("salt").asText()))
                .isNotEqualTo(OpenBadges.recipientHash("mallory@uni-a.example", recipient.path("salt").asText()))
                .startsWith("sha256$").hasSize(7 + 64);
        assertThat(a.toString()).doesNotContain("alice");

        String classId = a.path("badge").asText().substring(a.path("badge").asText().lastIndexOf('/') + 1);
        JsonNode c = t.badges.badgeClass(classId, URLS);
        assertThat(c.path("type").asText()).isEqualTo("BadgeClass");
        assertThat(c.path("id").asText()).isEqualTo(a.path("badge").asText());
        assertThat(c.path("name").asText()).isEqualTo("Chapter 2");
        assertThat(c.path("description").asText()).isEqualTo("Chapter 2 at 80 %");
        assertThat(c.path("criteria").path("narrative").asText())
                .isEqualTo("Complete the unit “u2” of the course “Safety c1”.");
        assertThat(c.path("image").asText()).isEqualTo(URLS.classImage(classId));
        assertThat(t.badges.classImage(classId).mediaType()).isEqualTo("image/png");

        JsonNode issuer = t.badges.issuer("uni-a", URLS);
        assertThat(c.path("issuer").asText()).isEqualTo(issuer.path("id").asText());
        assertThat(issuer.path("type").asText()).isEqualTo("Issuer");
        assertThat(issuer.path("name").asText()).isEqualTo("University A");
        assertThat(issuer.path("url").asText()).isEqualTo("https://www.uni-a.example/");
        assertThat(issuer.path("email").asText()).isEqualTo("badges@uni-a.example");

        // a global course's badges are the platform's, whoever owns the course
        String global = t.badges.achieved(BOB, "g1", List.of("course-completed")).get(0);
        String globalClass = t.badges.assertion(global, URLS).json().path("badge").asText();
        assertThat(t.badges.badgeClass(globalClass.substring(globalClass.lastIndexOf('/') + 1), URLS)
                .path("issuer").asText()).isEqualTo(URLS.issuer("platform"));
        assertThat(t.badges.issuer("platform", URLS).path("name").asText()).isEqualTo("Consortium");
        assertThat(t.badges.issuer("platform", URLS).path("url").asText()).isEqualTo("https://portal.example/");
        assertThat(catchThrowableOfType(PlayerException.class, () -> t.badges.issuer("uni-b", URLS)).status())
                .as("uni-b issues nothing").isEqualTo(404);
        assertThat(catchThrowableOfType(PlayerException.class, () -> t.badges.assertion("nope", URLS)).status())
                .isEqualTo(404);

        // no address from the host: the badge is issued on a placeholder, and the learner is told
        String carols = t.badges.achieved(CAROL, "c1", List.of("unit:u2")).get(0);
        assertThat(t.badges.mine(CAROL, URLS)).singleElement()
                .satisfies(b -> assertThat(b.recipientMailKnown()).isFalse());
        assertThat(t.badges.assertion(carols, URLS).json().path("recipient").path("hashed").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void institutionAdminsListAndRevokeTheirMembersBadgesOnly(DataSource ds) {
        TestBadges t = new TestBadges(ds);
        t.course("c1", "uni-a", CourseVisibility.SHARED);
        t.rules("c1", RULES);
        String alices = t.badges.achieved(ALICE, "c1", List.of("course-completed")).get(0);
        String bobs = t.badges.achieved(BOB, "c1", List.of("course-completed")).get(0);

        assertThat(t.badges.awardedIn(ADMIN_A, null, URLS)).extracting(Badges.Awarded::assertionId)
                .containsExactly(alices);
        assertThat(t.badges.awardedIn(ADMIN_B, "uni-b", URLS)).extracting(Badges.Awarded::learnerId)
                .containsExactly("bob");
        assertThat(catchThrowableOfType(PlayerException.class, () -> t.badges.awardedIn(ADMIN_B, "uni-a", URLS))
                .status()).isEqualTo(403);
        assertThat(t.badges.awardedIn(ROOT, "uni-b", URLS)).hasSize(1);

        assertThat(catchThrowableOfType(PlayerException.class,
                () -> t.badges.revoke(ALICE, alices, "cheated", URLS)).status()).isEqualTo(403);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> t.badges.revoke(ADMIN_B, alices, "cheated", URLS)).status()).as("another institution's")
                .isEqualTo(404);
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> t.badges.revoke(ADMIN_A, alices, "  ", URLS)).code()).isEqualTo("invalid-revocation-reason");
        assertThat(t.badges.assertion(alices, URLS).gone()).isFalse();

        Badges.Awarded revoked = t.badges.revoke(ADMIN_A, alices, "Awarded in error", URLS);
        assertThat(revoked.revoked()).isTrue();
        Badges.Hosted hosted = t.badges.assertion(alices, URLS);
        assertThat(hosted.gone()).isTrue();
        assertThat(hosted.json().path("revoked").asBoolean()).isTrue();
        assertThat(hosted.json().path("revocationReason").asText()).isEqualTo("Awarded in error");
        assertThat(hosted.json().path("id").asText()).isEqualTo(URLS.assertion(alices));
        assertThat(hosted.json().has("recipient")).isFalse();
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> t.badges.revoke(ROOT, alices, "again", URLS)).code()).isEqualTo("already-revoked");
        assertThat(catchThrowableOfType(PlayerException.class,
                () -> t.badges.baked(alices, BadgeArt.PNG, URLS)).status()).isEqualTo(410);
        assertThat(t.badges.mine(ALICE, URLS)).singleElement().satisfies(b -> {
            assertThat(b.revoked()).isTrue();
            assertThat(b.revocationReason()).isEqualTo("Awarded in error");
        });
        // revocation is final: the criteria holding again issue nothing new
        assertThat(t.badges.achieved(ALICE, "c1", List.of("course-completed"))).isEmpty();
        // the issuing institution's admin may revoke a badge of its course held by another institution's member
        assertThat(t.badges.revoke(ADMIN_A, bobs, "Course withdrawn", URLS).revoked()).isTrue();
    }
}
