package dev.supportdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * One person's headless Chromium on the console, found the way a person finds things: fields by their
 * label, buttons by their name, text on the screen. Debian's chromium and chromedriver, each browser
 * with a profile and temp dir of its own (two browsers are two people with two sessions).
 */
final class Browser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** Until the assertion holds; a re-rendered element met half-way is looked up again. */
    static void eventually(org.awaitility.core.ThrowingRunnable assertion) {
        await().atMost(PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .untilAsserted(assertion);
    }

    /**
     * A new browser. Chromium now and then exits during start-up on a loaded machine ("Chrome instance
     * exited"); a second or third start is a new process with a new profile, and chromedriver's log of
     * each attempt stays under target/ to say why. The profile and its temp dir are removed on close.
     */
    static Browser open(String baseUrl) {
        org.openqa.selenium.SessionNotCreatedException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return start(baseUrl);
            } catch (org.openqa.selenium.SessionNotCreatedException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Browser start(String baseUrl) {
        try {
            // In the system's temp dir, not under target/: Chromium's singleton socket path must stay
            // below the 108 bytes a Unix socket name may have.
            Path profile = Files.createTempDirectory("sd-chromium-");
            Files.createDirectories(Path.of("target"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=1280,800",
                    "--lang=en-GB",
                    "--user-data-dir=" + profile.resolve("profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"))
                            .toFile())
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("TMPDIR", profile.toString()))
                    .withLogFile(Path.of("target", profile.getFileName() + "-chromedriver.log")
                            .toAbsolutePath()
                            .toFile())
                    .withVerbose(true)
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(PATIENCE);
            return new Browser(driver, baseUrl, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String fragment) {
        driver.get(baseUrl + "/" + fragment);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void signIn(String user) {
        go("");
        await().atMost(PATIENCE).until(() -> has(By.id("sign-out")) || has(By.id("username")));
        if (has(By.id("sign-out"))) {
            button("Sign out").click();
        }
        field("User name").clear();
        field("User name").sendKeys(user);
        field("Password").sendKeys(user);
        button("Sign in").click();
        await().atMost(PATIENCE).until(() -> has(By.id("sign-out")));
    }

    /** The form control whose {@code <label>} reads exactly {@code label}. */
    WebElement field(String label) {
        return await().atMost(PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> findField(label), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<WebElement> findField(String label) {
        for (WebElement candidate : scope().findElements(By.xpath(".//label[@for]"))) {
            if (candidate.isDisplayed()
                    && candidate.getText().replace("*", "").strip().equals(label)) {
                return Optional.of(centred(driver.findElement(By.id(candidate.getAttribute("for")))));
            }
        }
        return Optional.empty();
    }

    void select(String label, String visibleText) {
        new Select(field(label)).selectByVisibleText(visibleText);
    }

    void type(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
    }

    /** A button named {@code name} (its aria-label or its text), inside the open dialog if one is open. */
    WebElement button(String name) {
        return centred(await().atMost(PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> findButton(name), Optional::isPresent)
                .orElseThrow());
    }

    /** In the middle of the screen, as a person scrolls to what they click (not under the sticky header). */
    private WebElement centred(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
        return element;
    }

    /** Looked up again when the page re-renders under the search (a live update, a presence change). */
    Optional<WebElement> findButton(String name) {
        return fresh(() -> scope().findElements(By.xpath(".//button|.//a[contains(@class,'btn')]")).stream()
                .filter(WebElement::isDisplayed)
                .filter(b -> name.equals(b.getAttribute("aria-label"))
                        || name.equals(b.getText().strip()))
                .findFirst());
    }

    private static <T> T fresh(java.util.function.Supplier<T> lookup) {
        for (int attempt = 1; ; attempt++) {
            try {
                return lookup.get();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** The radio button or checkbox whose label reads {@code text}. */
    void choose(String text) {
        WebElement label = await().atMost(PATIENCE)
                .until(
                        () -> scope().findElements(By.xpath(".//label[.//input][normalize-space(.)='" + text + "']")),
                        l -> !l.isEmpty())
                .get(0);
        label.click();
    }

    private org.openqa.selenium.SearchContext scope() {
        List<WebElement> dialogs = driver.findElements(By.cssSelector("dialog[open]"));
        return dialogs.isEmpty() ? driver : dialogs.get(0);
    }

    void doubleClick(WebElement element) {
        new Actions(driver).doubleClick(element).perform();
    }

    boolean has(By by) {
        return fresh(() -> driver.findElements(by).stream().anyMatch(WebElement::isDisplayed));
    }

    WebElement find(By by) {
        return await().atMost(PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .until(
                        () -> driver.findElements(by).stream()
                                .filter(WebElement::isDisplayed)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** Every displayed element the locator finds now, in document order (none: empty). */
    List<WebElement> findAll(By by) {
        return fresh(() ->
                driver.findElements(by).stream().filter(WebElement::isDisplayed).toList());
    }

    /** The visible text of the whole page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void waitForText(String text) {
        await().atMost(PATIENCE)
                .ignoreException(StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(text()).contains(text));
    }

    String textOf(By by) {
        try {
            return find(by).getText();
        } catch (StaleElementReferenceException e) {
            return find(by).getText();
        }
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Emulates a phone's screen, or the desk's 1280×800 again when {@code width} is 0. */
    void viewport(int width, int height) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** How many CSS pixels the page is wider than its viewport (0 when nothing scrolls sideways). */
    long sidewaysOverflow() {
        return ((Number) script("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                        + " - document.documentElement.clientWidth;"))
                .longValue();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder of this browser's own where the files it saves land (a download needs no dialog). */
    Path downloads() {
        try {
            Path dir = Files.createDirectories(profile.resolve("downloads"));
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior",
                    Map.of(
                            "behavior",
                            "allow",
                            "downloadPath",
                            dir.toAbsolutePath().toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's violations on the page as it is now: {id, impact, help, nodes}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> accessibilityViolations() {
        script(axeSource());
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));");
        return (List<Map<String, Object>>) result;
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A profile left in target/ is removed by the next clean.
        }
    }
}
