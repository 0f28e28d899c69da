package se.skanna.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.support.Browser;

/**
 * Figures for docs/benchmarks.md on the public status pages over the demo chain (801 stores), in headless Chromium
 * as a 390 × 844 phone on a 1.6 Mbit/s link with 150 ms latency (DevTools network emulation), empty cache: bytes on
 * the wire until the page is loaded (HTML, CSS, the module; gzip as the server sends it), the calls the live
 * script makes after that, first contentful paint and load. Not part of the suite (its name is not a test's):
 * {@code bash bench/status-page.sh} runs it and prints a Markdown table, also written to
 * target/status-page-bench.md.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:status-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "skanna.demo.enabled=true"
        })
@ActiveProfiles("test")
class StatusPageBenchmark {

    private static final int RUNS = 3;

    @LocalServerPort
    int port;

    @Test
    @SuppressWarnings("unchecked")
    void measure() throws IOException {
        Browser.assumeInstalled();
        List<String> report = new ArrayList<>();
        report.add("| page | bytes before interaction (wire) | requests | live calls after load (wire) |"
                + " first contentful paint | load |");
        report.add("|---|---|---|---|---|---|");
        for (String path :
                List.of("/stores", "/stores?q=umea", "/stores?near=63.8258,20.2630", "/stores/s0700", "/stores/map")) {
            double fcp = Double.MAX_VALUE;
            double load = Double.MAX_VALUE;
            long bytes = 0;
            long requests = 0;
            long live = 0;
            for (int run = 0; run < RUNS; run++) {
                try (Browser browser = Browser.start()) {
                    browser.emulatingPhone().onSlowLink();
                    browser.open("http://localhost:" + port + path);
                    browser.waitUntil(
                            Duration.ofSeconds(30),
                            "live",
                            d -> "on".equals(browser.find("body").getDomAttribute("data-live")));
                    Map<String, Object> figures = (Map<String, Object>)
                            browser.script("const n = performance.getEntriesByType('navigation')[0];"
                                    + " const p = performance.getEntriesByName('first-contentful-paint')[0];"
                                    + " const r = performance.getEntriesByType('resource');"
                                    + " const before = r.filter(e => e.startTime < n.loadEventEnd);"
                                    + " const after = r.filter(e => e.startTime >= n.loadEventEnd);"
                                    + " const sum = (l) => l.reduce((s, e) => s + e.transferSize, 0);"
                                    + " return { fcp: p.startTime, load: n.loadEventEnd,"
                                    + " bytes: n.transferSize + sum(before), requests: 1 + before.length,"
                                    + " live: sum(after) };");
                    fcp = Math.min(fcp, ((Number) figures.get("fcp")).doubleValue());
                    load = Math.min(load, ((Number) figures.get("load")).doubleValue());
                    bytes = ((Number) figures.get("bytes")).longValue();
                    requests = ((Number) figures.get("requests")).longValue();
                    live = ((Number) figures.get("live")).longValue();
                }
            }
            report.add(String.format(
                    Locale.ROOT,
                    "| `%s` | %,d B | %d | %,d B | %.0f ms | %.0f ms |",
                    path,
                    bytes,
                    requests,
                    live,
                    fcp,
                    load));
        }
        String markdown = String.join("\n", report) + "\n";
        System.out.println(markdown);
        Files.writeString(Path.of("target", "status-page-bench.md"), markdown);
    }
}
