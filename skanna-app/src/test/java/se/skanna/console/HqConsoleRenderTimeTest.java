package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import se.skanna.staff.Role;
import se.skanna.support.Browser;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The HQ console with the whole demo chain (801 stores, in an H2 database of its own): how long the server
 * takes and when Chromium has the page (DOMContentLoaded, first paint), and that a page holds at most 100
 * stores. Prints one line per load; docs/benchmarks.md records a run.
 */
@SkannaTest
@TestPropertySource(
        properties = {
            "skanna.demo.enabled=true",
            "spring.datasource.url=jdbc:h2:mem:skanna-hq-render;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
        })
class HqConsoleRenderTimeTest {

    static final int LOADS = 7;

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void the_hq_console_with_the_demo_chain_shows_at_most_100_stores_a_page_and_says_how_long_it_took() {
        Browser.assumeInstalled();
        String hq = fixtures.account(Role.HQ);
        try (Browser browser = Browser.start()) {
            browser.open("http://localhost:" + port + "/console/hq");
            browser.signIn(hq, TestFixtures.PASSWORD);
            List<Map<?, ?>> loads = new ArrayList<>();
            for (int i = 0; i < LOADS; i++) {
                browser.open("http://localhost:" + port + "/console/hq");
                // the paint entries come a moment after the load event
                browser.waitUntil(java.time.Duration.ofSeconds(5), "no paint entry", d ->
                        (Boolean) browser.script("return performance.getEntriesByType('paint').length > 0;"));
                Map<?, ?> timing = (Map<?, ?>) browser.script("const n = performance.getEntriesByType('navigation')[0];"
                        + " const p = performance.getEntriesByName('first-contentful-paint')[0]"
                        + "   || performance.getEntriesByName('first-paint')[0];"
                        + " return {server: n.responseStart - n.requestStart,"
                        + "   response: n.responseEnd - n.startTime,"
                        + "   dcl: n.domContentLoadedEventEnd - n.startTime,"
                        + "   paint: p ? p.startTime : -1,"
                        + "   chars: document.documentElement.outerHTML.length,"
                        + "   bytes: n.transferSize,"
                        + "   height: document.documentElement.scrollHeight,"
                        + "   rows: document.querySelectorAll('#hq-stores tbody tr').length};");
                loads.add(timing);
                System.out.printf(
                        "hq-console load %d: server %.0f ms, response %.0f ms, DOMContentLoaded %.0f ms,"
                                + " first paint %.0f ms, %s characters, %s bytes, %s px, %s rows%n",
                        i + 1,
                        num(timing, "server"),
                        num(timing, "response"),
                        num(timing, "dcl"),
                        num(timing, "paint"),
                        timing.get("chars"),
                        timing.get("bytes"),
                        timing.get("height"),
                        timing.get("rows"));
            }
            assertThat(loads)
                    .allSatisfy(timing -> assertThat(num(timing, "rows")).isBetween(1.0, 100.0));
        }
    }

    private static double num(Map<?, ?> timing, String key) {
        return ((Number) timing.get(key)).doubleValue();
    }
}
