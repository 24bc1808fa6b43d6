package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The institution admin's page (issue 15; README "Institution administration") in Chromium: University A's admin
 * opens it from the portal header, reads the demo course's records and downloads its grades CSV, revokes a badge
 * with a reason, downloads and then erases a member after typing the member's id, and finds those actions in the
 * audit log; a learner is told the page is not for them; University B's admin sees none of University A's data.
 */
class InstitutionAdminIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/manabi/api";
    private static final LocatorAssertions.IsVisibleOptions SLOW =
            new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static String demoCourse;
    private static String demoTitle;
    private static String badgeCourse;
    private static String assertionId;

    private static JsonNode ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 299);
        return reply.json();
    }

    /**
     * The demo course (video book and quiz), and this run's own badge: a one-question quiz course of University A
     * whose rules award it, passed by alice through the API (the IT server's database outlives a run).
     */
    @BeforeAll
    static void seed() {
        for (JsonNode c : ok(Api.as("alice").get(API + "/courses"))) {
            List<String> kinds = new java.util.ArrayList<>();
            c.get("components").forEach(k -> kinds.add(k.get("kind").asText()));
            if (kinds.contains("book") && kinds.contains("quiz")) {
                demoCourse = c.get("id").asText();
                demoTitle = c.get("title").get("en").asText();
            }
        }
        assertThat(demoCourse).as("the demo course is seeded").isNotNull();

        String run = UUID.randomUUID().toString().substring(0, 8);
        String quizId = "e2e-admin-" + run;
        JsonNode quiz = ok(Api.as("author").postJson(API + "/quizzes", """
                {"id": "%s", "title": {"en": "Admin page quiz %s", "ja": "管理ページのテスト %s"},
                 "settings": {"passThreshold": {"percent": 80}},
                 "questions": [{"id": "q", "type": "true-false", "correct": true,
                   "prompt": {"en": "Records are kept per institution.", "ja": "記録は機関ごとに保管される。"}}]}
                """.formatted(quizId, run, run)));
        badgeCourse = quiz.get("courseId").asText();
        String badgeId = "admin-" + run;
        ok(Api.as("author").putJson(API + "/courses/" + badgeCourse + "/completion-rules", """
                {"units": [{"id": "u1", "when": [{"type": "quiz", "quiz": "%s", "minPercent": 80}]}],
                 "badges": [{"id": "%s", "name": {"en": "Records keeper %s", "ja": "記録係 %s"},
                             "description": "Knows where records live", "criteria": "unit:u1"}]}
                """.formatted(quizId, badgeId, run, run)));
        Api alice = Api.as("alice");
        String attempt = ok(alice.postJson(API + "/quizzes/" + quizId + "/attempts?course=" + badgeCourse, "{}"))
                .get("attemptId").asText();
        String path = API + "/quizzes/" + quizId + "/attempts/" + attempt;
        ok(alice.putJson(path + "/responses", "{\"responses\": {\"q\": true}}"));
        ok(alice.postJson(path + "/submit", "{}"));
        for (JsonNode mine : ok(alice.get(API + "/badges/mine"))) {
            if (mine.get("badgeId").asText().equals(badgeId)) {
                assertionId = mine.get("assertionId").asText();
            }
        }
        assertThat(assertionId).as("alice earned this run's badge").isNotNull();
        // carol, a member without demo data (README "Demo users"), is known to the player and chose a language.
        ok(Api.as("carol").putJson(API + "/me/language", "{\"language\": \"ko\"}"));
        for (String user : List.of("admin-a", "admin-b", "alice")) {
            ok(Api.as(user).putJson(API + "/me/language", "{\"language\": \"en\"}"));
        }
    }

    /** The languages as other ITs expect them: alice's explicit Japanese (as BadgesIT leaves it), none for admins. */
    @AfterAll
    static void restoreLanguages() {
        Api.as("alice").putJson(API + "/me/language", "{\"language\": \"ja\"}");
        Api.as("admin-a").delete(API + "/me/language");
        Api.as("admin-b").delete(API + "/me/language");
    }

    @Test
    void anInstitutionAdminReadsRecordsRevokesABadgeErasesAMemberAndSeesTheAuditLog() throws Exception {
        Page page = browser.signIn("admin-a", "en-US");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Administration")).click();
        page.waitForURL("**/admin.html");
        Locator admin = page.locator("manabi-institution-admin");

        // Learning records of the demo course: its modules and a page of members with their attempts.
        Locator records = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Learning records"));
        assertThat(records.getByLabel("Course")).isVisible(SLOW);
        records.getByLabel("Course").selectOption(demoCourse);
        records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show records")).click();
        assertThat(records.getByRole(AriaRole.STATUS).first()).containsText("Records of “" + demoTitle + "”");
        assertThat(records.locator("table caption").first()).hasText("Modules of “" + demoTitle + "”");
        assertThat(records.locator("table").nth(1)).containsText("alice");
        Download grades = page.waitForDownload(() -> records.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download grades (CSV)")).click());
        byte[] csv = Files.readAllBytes(grades.path());
        assertThat(Arrays.copyOf(csv, 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("Learner ID,Name,");
        assertThat(text.lines()).anyMatch(l -> l.startsWith("alice,Alice Sato,"));
        assertThat(text).doesNotContain("bob");

        // Badges awarded in the institution: revoke this run's one with a reason, in the dialog.
        Locator badges = page.locator("manabi-admin-badges");
        Locator row = badges.locator("tr[data-assertion='" + assertionId + "']");
        assertThat(row).containsText("alice", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        row.getByRole(AriaRole.BUTTON).click();
        Locator dialog = badges.getByRole(AriaRole.DIALOG);
        assertThat(dialog).isVisible();
        Locator revoke = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke the badge"));
        assertThat(revoke).isDisabled(); // no reason yet
        assertThat(dialog.getByLabel(Pattern.compile("^Reason"))).isFocused();
        dialog.getByLabel(Pattern.compile("^Reason")).fill("Awarded by mistake in the admin page test");
        revoke.click();
        assertThat(dialog).isHidden();
        assertThat(badges.locator("tr[data-assertion='" + assertionId + "'] .revoked"))
                .hasText("Revoked: Awarded by mistake in the admin page test");
        assertThat(badges.getByRole(AriaRole.STATUS)).containsText("was revoked");
        JsonNode awarded = null;
        for (JsonNode a : ok(Api.as("admin-a").get(API + "/badges"))) {
            if (a.get("assertionId").asText().equals(assertionId)) {
                awarded = a;
            }
        }
        assertThat(awarded).isNotNull();
        assertThat(awarded.get("revoked").asBoolean()).isTrue();

        // Members' personal data: carol's download, then her erasure after typing her id.
        Locator members = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName("Members' personal data"));
        members.getByLabel("Member ID").fill("carol");
        members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Look up")).click();
        Download data = page.waitForDownload(() -> members.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Download Carol Ito's data (JSON)")).click());
        JsonNode exported = JSON.readTree(Files.readAllBytes(data.path()));
        assertThat(exported.get("learnerId").asText()).isEqualTo("carol");
        assertThat(exported.get("tenantId").asText()).isEqualTo("univ-a");
        members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Erase Carol Ito…")).click();
        Locator erase = page.getByRole(AriaRole.DIALOG); // modal: in the top layer, named by its own heading
        Locator confirm = erase.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Erase permanently"));
        erase.getByLabel(Pattern.compile("^Reason")).fill("Member's request of today");
        erase.getByLabel("Type the member ID “carol” to confirm").fill("caro");
        assertThat(confirm).isDisabled(); // the typed id must match
        erase.getByLabel("Type the member ID “carol” to confirm").fill("carol");
        confirm.click();
        assertThat(erase).isHidden();
        Locator result = members.getByRole(AriaRole.STATUS);
        assertThat(result).containsText("carol was erased");
        assertThat(result.locator("table caption")).hasText("Rows erased per module");
        assertThat(result.locator("tbody tr").first()).isVisible();
        assertThat(result).isFocused();
        assertThat(Api.as("admin-a").get(API + "/admin/members/carol/data").status())
                .as("erased: not a member any more").isEqualTo(404);

        // The audit log reloads after each action and names them.
        Locator audit = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Audit log"));
        for (String action : List.of("member.erased", "member.data-downloaded", "badge.revoked",
                "records.downloaded")) {
            assertThat(audit.locator("tr[data-action='" + action + "']").first()).isVisible();
        }
        assertThat(audit.locator("tr[data-action='badge.revoked']").first())
                .containsText("Awarded by mistake in the admin page test");
        audit.getByLabel("Action").selectOption("member.erased");
        audit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show")).click();
        assertThat(audit.locator("tbody tr[data-action='badge.revoked']")).hasCount(0);
        assertThat(audit.locator("tbody tr[data-action='member.erased']").first()).containsText("Member's request");
        Browser.screenshot(page, "institution-admin-en");
        page.context().close();
    }

    @Test
    void aPlatformAdminRunsTheRetentionJobNow() {
        ok(Api.as("root").putJson(API + "/me/language", "{\"language\": \"en\"}"));
        Page page = browser.signIn("root", "en-US");
        page.navigate("/admin.html");
        Locator retention = page.locator("manabi-admin-members").getByRole(AriaRole.REGION,
                new Locator.GetByRoleOptions().setName("Retention job"));
        retention.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Run now")).click();
        assertThat(retention.getByRole(AriaRole.STATUS)).containsText(Pattern.compile(
                "Run on .+: \\d+ accounts deleted, \\d+ learners anonymized\\."));
        assertThat(retention.locator("table caption")).hasText("Expired rows removed per module");
        // an institution admin has no such button
        Page admin = browser.signIn("admin-a", "en-US");
        admin.navigate("/admin.html");
        assertThat(admin.locator("manabi-admin-members").getByLabel("Member ID")).isVisible(SLOW);
        assertThat(admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run now"))).hasCount(0);
        page.context().close();
        admin.context().close();
        Api.as("root").delete(API + "/me/language");
    }

    /**
     * A platform admin picks University B in the page's institution picker: every panel reloads with that
     * institution's records, members, badges and audit log, none of University A's; an institution admin has no picker.
     */
    @Test
    void aPlatformAdminPicksAnotherInstitution() {
        ok(Api.as("root").putJson(API + "/me/language", "{\"language\": \"en\"}"));
        ok(Api.as("bob").get(API + "/me")); // a member of University B known to the player
        // Each institution's admin lists its members: an audit entry concerning each institution.
        ok(Api.as("admin-a").get(API + "/admin/learners"));
        ok(Api.as("admin-b").get(API + "/admin/learners"));
        try {
            Page page = browser.signIn("root", "en-US");
            page.navigate("/admin.html");
            Locator admin = page.locator("manabi-institution-admin");
            Locator picker = admin.getByLabel(Pattern.compile("^Institution"));
            assertThat(picker).isVisible(SLOW);
            assertThat(picker).hasValue("univ-a"); // their own first
            assertThat(picker.locator("option[value='univ-b']")).hasText("University B");
            assertThat(admin.getByText("Showing the data of University A.")).isVisible();
            Locator audit = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Audit log"));
            assertThat(audit.locator("tbody tr[data-tenant='univ-a']").first()).isVisible(SLOW);
            Locator badges = page.locator("manabi-admin-badges");
            assertThat(badges.locator("tr[data-assertion='" + assertionId + "']")).isVisible(SLOW);

            picker.selectOption("univ-b");
            assertThat(admin.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Showing the data of"))).hasText("Showing the data of University B.");

            // Learning records: University A's own course is not offered; the global demo course lists bob, not alice.
            Locator records = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Learning records"));
            records.getByLabel("Course").selectOption(demoCourse);
            records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show records")).click();
            assertThat(records.locator("table").nth(1)).containsText("bob");
            assertThat(records.locator("table").nth(1)).not().containsText("alice");
            assertThat(records.locator("option[value='" + badgeCourse + "']")).hasCount(0);
            assertThat(records.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName("Download grades (CSV)"))).hasAttribute("href", Pattern.compile("tenant=univ-b"));

            // Audit log: entries concerning University B only (admin-b's listing among them).
            assertThat(audit.locator("tbody tr[data-tenant='univ-b']").first()).isVisible(SLOW);
            assertThat(audit.locator("tbody tr[data-tenant='univ-a']")).hasCount(0);
            assertThat(audit.locator("tbody")).containsText("admin-b");

            // Members: University B's bob is found, University A's alice is not.
            Locator members = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                    .setName("Members' personal data"));
            members.getByLabel("Member ID").fill("alice");
            members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Look up")).click();
            assertThat(members.getByRole(AriaRole.ALERT)).containsText("“alice”");
            members.getByLabel("Member ID").fill("bob");
            members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Look up")).click();
            assertThat(members.locator("a[download]")).hasAttribute("href",
                    Pattern.compile("/admin/members/bob/data\\?tenant=univ-b$"));

            // Badges: the slotted panel reloaded for University B (its caption drawn again), without alice's badge.
            assertThat(badges.locator("table caption")).isVisible(SLOW);
            assertThat(badges.locator("tr[data-assertion='" + assertionId + "']")).hasCount(0);
            Browser.screenshot(page, "institution-admin-picker-en");
            page.context().close();

            Page institutionAdmin = browser.signIn("admin-a", "en-US");
            institutionAdmin.navigate("/admin.html");
            Locator own = institutionAdmin.locator("manabi-institution-admin");
            assertThat(own.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Audit log"))
                    .locator("table caption")).isVisible(SLOW);
            assertThat(own.getByLabel(Pattern.compile("^Institution"))).hasCount(0);
            assertThat(own.locator("select#tenant")).hasCount(0);
            institutionAdmin.context().close();
        } finally {
            Api.as("root").delete(API + "/me/language");
        }
    }

    /** The page in an admin's chosen language: headings, labels and the header link come from the ja bundle. */
    @Test
    void aJapaneseAdminReadsThePageInJapanese() {
        ok(Api.as("admin-a").putJson(API + "/me/language", "{\"language\": \"ja\"}"));
        try {
            Page page = browser.signIn("admin-a", "en-US");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("管理")).click();
            Locator admin = page.locator("manabi-institution-admin");
            for (String region : List.of("学習記録", "メンバーの個人データ", "監査ログ")) {
                assertThat(admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName(region)))
                        .isVisible(SLOW);
            }
            assertThat(page.locator("manabi-admin-badges").getByRole(AriaRole.HEADING))
                    .hasText("この機関で授与したバッジ");
            Locator records = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("学習記録"));
            records.getByLabel("コース").selectOption(demoCourse);
            records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("記録を表示")).click();
            assertThat(records.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName("成績をダウンロード（CSV）"))).isVisible();
            assertThat(records.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                    .setName("成績をダウンロード（CSV）"))).hasAttribute("href", Pattern.compile("lang=ja"));
            Browser.screenshot(page, "institution-admin-ja");
            page.context().close();
        } finally {
            ok(Api.as("admin-a").putJson(API + "/me/language", "{\"language\": \"en\"}"));
        }
    }

    @Test
    void aLearnerIsToldThePageIsNotForThem() {
        Page page = browser.signIn("alice", "en-US");
        assertThat(page.locator("manabi-course-list")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Administration")))
                .hasCount(0);
        page.navigate("/admin.html");
        assertThat(page.locator("manabi-institution-admin").getByRole(AriaRole.ALERT))
                .hasText("This page is for your institution's administrators. Your account does not have"
                        + " administrator rights.");
        assertThat(page.locator("manabi-institution-admin").getByRole(AriaRole.TABLE)).hasCount(0);
        page.context().close();
    }

    @Test
    void anotherInstitutionsAdminSeesNoneOfItsData() {
        Page page = browser.signIn("admin-b", "en-US");
        page.navigate("/admin.html");
        Locator admin = page.locator("manabi-institution-admin");
        Locator records = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Learning records"));
        assertThat(records.getByLabel("Course")).isVisible(SLOW);
        // University A's own course is not among University B's; the global demo course lists no University A member.
        assertThat(records.locator("option[value='" + badgeCourse + "']")).hasCount(0);
        records.getByLabel("Course").selectOption(demoCourse);
        records.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show records")).click();
        assertThat(records.locator("table").nth(1)).isVisible();
        assertThat(records.locator("table").nth(1)).not().containsText("alice");

        Locator badges = page.locator("manabi-admin-badges");
        assertThat(badges.locator("table caption")).isVisible(SLOW);
        assertThat(badges.locator("tr[data-assertion='" + assertionId + "']")).hasCount(0);

        Locator members = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions()
                .setName("Members' personal data"));
        members.getByLabel("Member ID").fill("alice");
        members.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Look up")).click();
        assertThat(members.getByRole(AriaRole.ALERT))
                .hasText("This institution has no member with the ID “alice”.");
        assertThat(Api.as("admin-b").get(API + "/admin/members/alice/data").status()).isEqualTo(404);

        Locator audit = admin.getByRole(AriaRole.REGION, new Locator.GetByRoleOptions().setName("Audit log"));
        assertThat(audit.locator("table caption")).isVisible(SLOW);
        assertThat(audit.locator("table")).not().containsText(assertionId);
        page.context().close();
    }
}
