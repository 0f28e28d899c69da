package se.skanna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The WCAG check the browser tests rely on does find problems: a page built to fail it fails it. */
class AccessibilityCheckTest {

    @Test
    void a_page_with_an_unlabelled_field_an_image_without_text_and_grey_on_grey_text_fails() {
        String page = "<!DOCTYPE html><html lang=\"en\"><head><title>Bad</title></head><body><main>"
                + "<h1>Bad page</h1><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">"
                + "<input type=\"text\"><p style=\"color:#aaa;background:#bbb\">hard to read</p></main></body></html>";
        try (Browser browser = Browser.start()) {
            browser.open("data:text/html;charset=utf-8,"
                    + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));

            assertThat(browser.accessibilityViolations())
                    .anySatisfy(line -> assertThat(line).startsWith("image-alt"))
                    .anySatisfy(line -> assertThat(line).startsWith("label"))
                    .anySatisfy(line -> assertThat(line).startsWith("color-contrast"));
        }
    }
}
