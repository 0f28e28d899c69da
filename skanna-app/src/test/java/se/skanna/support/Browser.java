package se.skanna.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Debian's chromedriver, for real-browser tests. Nothing is
 * downloaded: both paths are given to Selenium explicitly, so Selenium Manager never runs. Without them
 * installed, {@link #assumeInstalled()} reports the test skipped. Pages are asked for in Swedish, the
 * application's default language. Close it (try-with-resources) to quit the browser.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots for review; surefire runs in the module folder, so this is skanna-app/target/screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test, with the reason, when Chromium or its driver is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                () -> "Real-browser test skipped: it needs Debian's " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver); found chromium="
                        + Files.isExecutable(CHROMIUM) + ", chromedriver=" + Files.isExecutable(CHROMEDRIVER) + ".");
    }

    /** A browser with JavaScript on, as most visitors have it. */
    public static Browser start() {
        return start(true, "sv", null);
    }

    /** A browser with JavaScript switched off, to check what the server renders by itself. */
    public static Browser startWithoutJavaScript() {
        return start(false, "sv", null);
    }

    /** A browser asking for pages in English. */
    public static Browser startInEnglish() {
        return start(true, "en", null);
    }

    /**
     * A browser whose camera shows {@code video} (a Y4M file, see {@link FakeCamera}) over and over, with
     * camera permission granted without asking.
     */
    public static Browser startWithCamera(Path video) {
        return start(true, "sv", video);
    }

    private static Browser start(boolean javaScript, String language, Path cameraVideo) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("skanna-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,900",
                "--lang=" + language);
        if (cameraVideo != null) {
            options.addArguments(
                    "--use-fake-device-for-media-stream",
                    "--use-fake-ui-for-media-stream",
                    "--use-file-for-fake-video-capture=" + cameraVideo.toAbsolutePath());
        }
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", language);
        if (!javaScript) {
            prefs.put("profile.managed_default_content_settings.javascript", 2);
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    /** This browser as a phone-sized window (430 × 1000), as the shopper app is seen. */
    public Browser asPhone() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(430, 1000));
        return this;
    }

    /**
     * This browser emulating a 390 × 844 phone (device metrics and a mobile viewport), for pages whose layout
     * follows the device, like the public status pages.
     */
    public Browser emulatingPhone() {
        ((org.openqa.selenium.chrome.ChromeDriver) driver)
                .executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        return this;
    }

    /**
     * This browser on a slow phone link, cache off: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up (the
     * benchmarks' "slow 3G"), so first-visit sizes and times are what a shopper at the store's entrance gets.
     */
    public Browser onSlowLink() {
        var chromium = (org.openqa.selenium.chromium.ChromiumDriver) driver;
        chromium.executeCdpCommand("Network.enable", Map.of());
        chromium.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        chromium.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of(
                        "offline",
                        false,
                        "latency",
                        150,
                        "downloadThroughput",
                        1_600_000 / 8,
                        "uploadThroughput",
                        750_000 / 8));
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits up to {@code timeout} for the condition; a {@link org.openqa.selenium.TimeoutException} fails the test. */
    public <T> T waitUntil(Duration timeout, String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, timeout)
                .pollingEvery(Duration.ofMillis(100))
                .withMessage(what)
                .until(condition);
    }

    /**
     * Waits up to {@code timeout} until {@code assertions} pass, polling the page; on timeout the test fails
     * with the last assertion error as the cause.
     */
    public void eventually(Duration timeout, String what, Runnable assertions) {
        new WebDriverWait(driver, timeout)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(AssertionError.class)
                .withMessage(what)
                .until(d -> {
                    assertions.run();
                    return true;
                });
    }

    /**
     * Clicks a link or submit button and waits until the browser shows the next page, loaded: the old page's
     * root gone (Chromium may also say "does not belong to the document" while the next one is committed) and
     * the new one complete.
     */
    public void clickAndWait(String css) {
        WebElement page = find("html");
        find(css).click();
        waitUntil(Duration.ofSeconds(15), "no new page after clicking " + css, d -> isGone(page));
        waitUntil(
                Duration.ofSeconds(15),
                "the page after clicking " + css + " never finished loading",
                d -> "complete".equals(script("return document.readyState;")));
    }

    /** How many codes the page's camera scanner has read so far, repeats included (0 before the first). */
    public long cameraReads() {
        return ((Number) script("const c = document.getElementById('camera');"
                        + " return c ? Number(c.dataset.reads ?? '0') : 0;"))
                .longValue();
    }

    /** What the page's camera scanner is doing, for failure messages: state, reads, message, video, decoder. */
    public String cameraReport() {
        return String.valueOf(script("const c = document.getElementById('camera');"
                + " if (!c) return 'no camera';"
                + " const v = document.getElementById('camera-video');"
                + " return 'camera ' + c.dataset.state + ', reads ' + (c.dataset.reads ?? 0) + ': '"
                + " + document.getElementById('camera-state').textContent"
                + " + ', video ' + v.readyState + ' ' + v.videoWidth + 'x' + v.videoHeight"
                + " + ', decoder ' + (c.dataset.decoder ?? 'not started');"));
    }

    /** Signs in on the console's login page that is showing, and waits for the console page it leads to. */
    public void signIn(String username, String password) {
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        clickAndWait("#sign-in");
        waitUntil(
                Duration.ofSeconds(15),
                "sign-in never left the login page",
                d -> !d.getCurrentUrl().contains("/login"));
        waitUntil(
                Duration.ofSeconds(15),
                "the console page after sign-in never loaded",
                ExpectedConditions.presenceOfElementLocated(By.id("logout")));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Runs axe-core's WCAG 2.0/2.1/2.2 level A and AA rules on the page as it is now; one line per violation
     * (rule, impact, help text, the elements). Empty when the page passes every rule axe can check by itself
     * (it cannot judge everything: reading order or sensible texts still need a person). Needs JavaScript: in
     * a {@link #startWithoutJavaScript()} browser axe never finishes.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        script(AxeCore.SOURCE);
        return (List<String>) ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " axe.run(document, { runOnly: { type: 'tag', values:"
                        + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })"
                        + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '"
                        + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
    }

    /** axe-core, from its WebJar on the test class path, read once. */
    private static final class AxeCore {
        static final String SOURCE = read();

        private static String read() {
            String path = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
            try (var in = Browser.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is not on the test class path: " + path);
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Saves a screenshot of the page as {@code target/screenshots/<name>.png}; returns where. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
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

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }
}
