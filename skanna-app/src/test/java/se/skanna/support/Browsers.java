package se.skanna.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * The real browsers of one test class, as a JUnit extension: {@code @RegisterExtension final Browsers browsers =
 * new Browsers();}. Each test is skipped, with the reason, when Chromium is not installed; every browser a test
 * starts is closed after it, whatever happened; and when the test failed, each open browser's page is saved first
 * as {@code target/screenshots/failed-<class>-<test>-<n>.png}, so a failure in CI shows what the browser showed.
 */
public final class Browsers implements BeforeEachCallback, AfterEachCallback {

    private final List<Browser> open = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        Browser.assumeInstalled();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (context.getExecutionException().isPresent()) {
                for (int i = 0; i < open.size(); i++) {
                    screenshot(open.get(i), context, i + 1);
                }
            }
        } finally {
            for (Browser browser : open) {
                try {
                    browser.close();
                } catch (RuntimeException e) {
                    // a browser that already died; the others must still be closed
                }
            }
            open.clear();
        }
    }

    /** A browser with JavaScript on, as most visitors have it. */
    public Browser start() {
        return keep(Browser.start());
    }

    /** A browser with JavaScript switched off, to check what the server renders by itself. */
    public Browser startWithoutJavaScript() {
        return keep(Browser.startWithoutJavaScript());
    }

    /** A browser asking for pages in English. */
    public Browser startInEnglish() {
        return keep(Browser.startInEnglish());
    }

    /** A browser whose camera shows {@code video} ({@link FakeCamera}), camera permission granted. */
    public Browser startWithCamera(Path video) {
        return keep(Browser.startWithCamera(video));
    }

    /** A phone-sized window (430 × 1000), so screenshots show what a shopper sees. */
    public Browser phone() {
        return start().asPhone();
    }

    /** A phone-sized window asking for pages in English. */
    public Browser phoneInEnglish() {
        return startInEnglish().asPhone();
    }

    /** A phone-sized window whose camera shows {@code video}. */
    public Browser phoneWithCamera(Path video) {
        return startWithCamera(video).asPhone();
    }

    private Browser keep(Browser browser) {
        open.add(browser);
        return browser;
    }

    private static void screenshot(Browser browser, ExtensionContext context, int n) {
        String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName() + "-" + n + ".png";
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES);
            Files.write(Browser.SCREENSHOTS.resolve(name), png);
        } catch (IOException | RuntimeException e) {
            // no screenshot from a browser that is gone: the test's own failure is what counts
        }
    }
}
