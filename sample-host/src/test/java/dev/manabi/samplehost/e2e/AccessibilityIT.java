package dev.manabi.samplehost.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * axe-core (WCAG 2.0/2.1 level A and AA rules) on every page the portal and the SDK render, in Japanese and English:
 * sign-in, the catalog (an author's upload form and package list, an admin's member list), the demo course (video
 * book, quiz overview and questions), a multi-SCO SCORM course (table of contents, navigation) and the author
 * preview. Third-party SCO content inside
 * the frame is not ours to fix and is not analysed.
 */
class AccessibilityIT {

    private static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final LocatorAssertions.IsVisibleOptions SLOW = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(30_000);

    @RegisterExtension
    static final Browser browser = Browser.perClass();

    private static String demoCourse;
    private static String scormCourse;
    private static String scormPackage;

    @BeforeAll
    static void courses() {
        for (JsonNode c : Api.as("alice").get("/manabi/api/courses").json()) {
            List<String> kinds = new ArrayList<>();
            c.get("components").forEach(k -> kinds.add(k.get("kind").asText()));
            if (kinds.contains("book") && kinds.contains("quiz")) {
                demoCourse = c.get("id").asText();
            }
        }
        assertThat(demoCourse).as("the demo course is seeded").isNotNull();
        Path zip = Corpus.copyWithIdentifierSuffix("RuntimeMinimumCalls_SCORM12.zip", "a11y");
        Api.Reply imported = Api.as("author").postFile("/manabi/api/packages", zip, "application/zip");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        scormCourse = imported.json().get("courseId").asText();
        scormPackage = imported.json().get("id").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja-JP", "en-US"})
    void everyPageMeetsWcag21AA(String language) {
        Api.as("alice").delete("/manabi/api/me/language");
        Api.as("author").delete("/manabi/api/me/language");
        List<String> problems = new ArrayList<>();

        try (var context = browser.newContext(language)) {
            Page page = context.newPage();
            page.navigate("/login.html");
            assertThat(page.locator("form")).isVisible();
            problems.addAll(check(page, "login"));
        }

        Page author = browser.signIn("author", language);
        assertThat(author.locator("#upload")).isVisible();
        assertThat(author.locator("#packages")).containsText("Golf Explained");
        problems.addAll(check(author, "catalog (author)"));
        author.navigate("/preview.html?package=" + scormPackage);
        assertThat(author.locator("manabi-scorm-preview").locator("#log tr").first()).containsText("Initialize");
        problems.addAll(check(author, "author preview"));
        author.context().close();

        // admin-a: an institution admin (the catalog's member list) who also learns; the demo quiz attempt it
        // starts touches nobody else's results.
        Page admin = browser.signIn("admin-a", language);
        assertThat(admin.locator("#members")).isVisible();
        problems.addAll(check(admin, "catalog (institution admin)"));
        admin.navigate("/lrs.html");
        assertThat(admin.locator("#lrs-credentials tbody tr").first()).isVisible(SLOW);
        problems.addAll(check(admin, "LRS credentials (institution admin)"));
        admin.navigate("/admin.html");
        Locator panels = admin.locator("manabi-institution-admin");
        assertThat(panels.locator("manabi-admin-audit").locator("table caption")).isVisible(SLOW);
        assertThat(admin.locator("manabi-admin-badges").locator("table caption")).isVisible(SLOW);
        panels.locator("manabi-admin-records").locator("button[type=submit]").click();
        assertThat(panels.locator("manabi-admin-records").locator("table").nth(1)).isVisible(SLOW);
        problems.addAll(check(admin, "institution admin page"));
        // root: a platform admin, whose page also has the institution picker (README "Institution administration")
        Page root = browser.signIn("root", language);
        root.navigate("/admin.html");
        Locator rootPanels = root.locator("manabi-institution-admin");
        assertThat(rootPanels.locator("select#tenant")).isVisible(SLOW);
        assertThat(rootPanels.locator("manabi-admin-audit").locator("table caption")).isVisible(SLOW);
        problems.addAll(check(root, "institution admin page (platform admin)"));
        root.context().close();
        admin.navigate("/player.html?course=" + demoCourse);
        Locator book = admin.locator("manabi-book-player");
        assertThat(book).hasAttribute("data-state", "ready", new LocatorAssertions.HasAttributeOptions()
                .setTimeout(30_000));
        problems.addAll(check(admin, "demo course: video book"));
        admin.locator("manabi-player").locator("#tab-1").click();
        Locator quiz = admin.locator("manabi-quiz-player");
        Locator start = quiz.locator("button.primary").first();
        assertThat(start).isVisible(SLOW);
        problems.addAll(check(admin, "demo course: quiz overview"));
        start.click();
        assertThat(quiz.locator("fieldset[data-question]").first()).isVisible(SLOW);
        problems.addAll(check(admin, "demo course: quiz questions"));
        admin.context().close();

        Page alice = browser.signIn("alice", language);
        alice.navigate("/player.html?course=" + scormCourse);
        assertThat(alice.locator("manabi-scorm-player").locator("[role=treeitem]").first()).isVisible(SLOW);
        problems.addAll(check(alice, "SCORM course"));
        alice.context().close();

        assertThat(problems).as("axe-core WCAG 2.1 AA violations (" + language + ")").isEmpty();
    }

    /**
     * The violations on the page as readable lines: page, rule, impact, what to do, where. A node inside a frame has
     * a target of several parts (the frame's, then its own): that is the SCO's third-party content, left out.
     */
    static List<String> check(Page page, String name) {
        AxeRunOptions options = new AxeRunOptions();
        options.setIFrames(false);
        List<String> problems = new ArrayList<>();
        for (Rule v : new AxeBuilder(page).withTags(WCAG_AA).options(options).analyze().getViolations()) {
            List<CheckedNode> ours = v.getNodes().stream()
                    .filter(n -> !(n.getTarget() instanceof List<?> parts && parts.size() > 1)).toList();
            if (!ours.isEmpty()) {
                problems.add(name + ": " + v.getId() + " (" + v.getImpact() + ") " + v.getHelp() + " at "
                        + ours.stream().map(n -> n.getTarget() + " " + n.getHtml())
                        .collect(Collectors.joining(" | ")));
            }
        }
        return problems;
    }
}
