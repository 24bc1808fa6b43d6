package dev.manabi.samplehost.e2e;


import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.manabi.samplehost.durability.LibertyInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The E2E harness: Playwright for Java driving Debian's Chromium against the sample host that the build started.
 *
 * <p>Without {@code /usr/bin/chromium} the tests are skipped, unless {@code -De2e.required=true} (CI), where a
 * missing browser is a failure. Playwright's own browser download is never used.
 */
public final class Browser implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String PASSWORD = "manabi-demo";
    private static final Path CHROMIUM = Paths.get(System.getProperty("manabi.chromium", "/usr/bin/chromium"));
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required");

    /**
     * Chromium's site isolation off: the content origin's frames then live in the portal's renderer process. Only
     * for tests that play content (not those about isolation, which keep Chromium's defaults): Playwright can lose
     * a cross-process frame nested in another one when it navigates, and then waits forever on it.
     */
    private static final List<String> ONE_PROCESS = List.of("--disable-site-isolation-trials",
            "--disable-features=IsolateOrigins,site-per-process");

    private Playwright playwright;
    private com.microsoft.playwright.Browser chromium;
    private final boolean oneProcess;

    private Browser(boolean oneProcess) {
        this.oneProcess = oneProcess;
    }

    /**
     * One Chromium for a test class, started before its first test and closed after its last:
     * {@code @RegisterExtension static final Browser browser = Browser.perClass();}
     */
    public static Browser perClass() {
        return new Browser(false);
    }

    /**
     * {@link #perClass()} with site isolation off ({@link #ONE_PROCESS}): the same-origin policy still separates
     * the portal and the content origin, but both share one renderer process.
     */
    public static Browser perClassInOneProcess() {
        return new Browser(true);
    }

    /** Starts Chromium, or skips the test class when it is absent and not required. */
    @Override
    public void beforeAll(ExtensionContext context) {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && Boolean.getBoolean("e2e.required")) {
            throw new IllegalStateException("E2E tests are required but " + CHROMIUM + " is missing"
                    + " (apt-get install chromium)");
        }
        Assumptions.assumeTrue(present, "Chromium not installed at " + CHROMIUM + "; E2E test skipped");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(oneProcess
                        ? java.util.stream.Stream.concat(FLAGS.stream(), ONE_PROCESS.stream()).toList() : FLAGS));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public static String baseUrl() {
        return System.getProperty("manabi.baseUrl", "http://localhost:9081");
    }

    /** Where the server's own endpoints ({@code /health}, {@code /openapi}) answer: its admin port, not the portal's. */
    public static String adminUrl() {
        return System.getProperty("manabi.adminUrl", LibertyInstance.adminUrlOf(baseUrl()));
    }

    /** A fresh browser profile (no cookies) preferring the given language, e.g. {@code ja-JP}. */
    public BrowserContext newContext(String acceptLanguage) {
        return chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl()).setLocale(acceptLanguage).setViewportSize(1280, 900));
    }

    /** Signs in through the portal's form in a fresh profile and returns the catalog page. */
    public Page signIn(String user, String acceptLanguage) {
        Page page = newContext(acceptLanguage).newPage();
        page.navigate("/index.html");
        page.waitForURL("**/login.html**");
        page.fill("input[name=j_username]", user);
        page.fill("input[name=j_password]", PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL("**/index.html");
        return page;
    }

    public Page signIn(String user) {
        return signIn(user, "en-US");
    }

    /** The content origin the sample host serves packages on (README "Content origin"). */
    public static String contentOrigin() {
        return baseUrl().replace("//localhost:", "//127.0.0.1:");
    }

    /** The SCO's frame inside the launcher that the player's (or preview's) frame shows. */
    public static FrameLocator scoFrame(FrameLocator playerFrame) {
        return playerFrame.frameLocator("iframe#sco");
    }

    /**
     * The SCO document the launcher frames right now, looked up in the live frame tree. Chained frame locators into
     * the cross-site launcher can keep pointing at a frame that was replaced while the next activity was delivered and
     * then wait forever; a frame found here is attached, navigated and has its document loaded.
     */
    public static Frame currentSco(Page page, double timeoutMs) {
        long deadline = System.nanoTime() + (long) (timeoutMs * 1_000_000);
        while (true) {
            for (Frame f : page.frames()) {
                Frame parent = f.parentFrame();
                if (f.isDetached() || parent == null || parent.isDetached()
                        || !parent.url().startsWith(contentOrigin() + "/manabi/content/c/")
                        || !parent.url().endsWith("/") || !f.url().startsWith(contentOrigin())) {
                    continue;
                }
                try {
                    // A locator wait, not evaluate(): evaluate has no timeout and waits forever for a frame whose
                    // document Playwright never saw start.
                    f.locator("body").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                            .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED)
                            .setTimeout(1_000));
                    return f;
                } catch (com.microsoft.playwright.PlaywrightException notYetOrReplaced) {
                    // not loaded yet, or replaced while asked: look again
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder tree = new StringBuilder();
                for (Frame f : page.frames()) {
                    tree.append("\n  ").append(f.url()).append(" parent=")
                            .append(f.parentFrame() == null ? "-" : f.parentFrame().url())
                            .append(" detached=").append(f.isDetached());
                }
                throw new AssertionError("no loaded SCO frame in the launcher on " + page.url() + tree);
            }
            page.waitForTimeout(100);
        }
    }

    /** The launcher page on the content origin (where window.API lives) that the page currently shows. */
    public static Frame launcher(Page page) {
        return page.frames().stream()
                .filter(f -> f.url().startsWith(contentOrigin() + "/manabi/content/c/") && f.url().endsWith("/"))
                .findFirst().orElseThrow(() -> new AssertionError("no launcher frame on " + page.url()));
    }

    /** Saves a screenshot under target/e2e-screenshots for looking at failures. */
    public static void screenshot(Page page, String name) {
        Path dir = Paths.get(System.getProperty("manabi.screenshots", "target/e2e-screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name.toLowerCase(Locale.ROOT) + ".png"))
                .setFullPage(true));
    }

    @Override
    public void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
