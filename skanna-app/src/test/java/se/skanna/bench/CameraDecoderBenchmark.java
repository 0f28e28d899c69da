package se.skanna.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.store.Store;
import se.skanna.support.Browser;
import se.skanna.support.FakeCamera;
import se.skanna.support.FakeCamera.Shot;
import se.skanna.support.PackPhoto;
import se.skanna.support.PackPhoto.Kind;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * Figures for docs/benchmarks.md on the camera decoder, in headless Chromium (not part of the suite: its name
 * is not a test's; {@code bash bench/decoder.sh} runs it): decode time per frame at 640×480 and 1280×720 with
 * and without 4× CPU throttling, reads per second through the fake camera, the download size, and how soon
 * the shopper app is interactive on a 1.6 Mbit/s link with 150 ms latency. Prints a Markdown report and writes
 * it to target/decoder-bench.md.
 */
@SkannaTest
class CameraDecoderBenchmark {

    private static final int FRAMES = Integer.getInteger("bench.frames", 40);
    private static final String FORMATS = "EAN_13,EAN_8,UPC_A,UPC_E,RSS_14,RSS_EXPANDED,DATA_MATRIX,QR_CODE";

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws IOException {
        Browser.assumeInstalled();
        Store store = fixtures.store();
        String app = "http://localhost:" + port + "/s/" + store.id();
        report.add("| what | 640×480 | 1280×720 |");
        report.add("|---|---|---|");
        try (Browser browser = Browser.start()) {
            browser.open(app);
            for (int throttle : new int[] {1, 4}) {
                cpu(browser, throttle);
                for (String thread : new String[] {"worker", "page"}) {
                    for (boolean hard : new boolean[] {false, true}) {
                        for (boolean code : new boolean[] {false, true}) {
                            String small = decodeTimes(browser, thread, 640, 480, code, hard);
                            String large = decodeTimes(browser, thread, 1280, 720, code, hard);
                            report.add("| decode ms per frame (median / p90), %s, %s, %s%s | %s | %s |"
                                    .formatted(
                                            code ? "EAN-13 in view" : "no barcode",
                                            hard ? "harder search" : "normal search",
                                            thread.equals("worker") ? "in the Web Worker" : "on the page's thread",
                                            throttle > 1 ? ", 4× CPU throttling" : "",
                                            small,
                                            large));
                        }
                    }
                }
            }
            cpu(browser, 1);
        }
        report.add("| reads/s through the fake camera (EAN-13 photo in view; decoded frames/s, confirmed reads/s) | "
                + readsPerSecond(store, 640, 480) + " | " + readsPerSecond(store, 1280, 720) + " |");
        report.add("");
        report.add(downloadSize());
        report.add(slowLink(app));
        String markdown = String.join("\n", report);
        System.out.println(markdown);
        Files.writeString(Path.of("target", "decoder-bench.md"), markdown + "\n");
    }

    private static void cpu(Browser browser, int rate) {
        ((ChromiumDriver) browser.driver()).executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
    }

    /** Median and 90th percentile of FRAMES decodes of one generated frame (sent as RGBA each time). */
    @SuppressWarnings("unchecked")
    private static String decodeTimes(
            Browser browser, String thread, int width, int height, boolean code, boolean hard) {
        PackPhoto photo = code
                ? PackPhoto.of(Kind.EAN_13, TestFixtures.gtin())
                        .tilted(0.1)
                        .rotated(8)
                        .noise(5)
                        .widthInFrame(0.5)
                : PackPhoto.of(Kind.EAN_13, TestFixtures.gtin())
                        .busyBackground()
                        .widthInFrame(0.0001);
        String luma = Base64.getEncoder().encodeToString(photo.luma(width, height, 0));
        Object answer = ((JavascriptExecutor) browser.driver())
                .executeAsyncScript("""
                        const [luma64, width, height, formats, hard, frames, thread, done] = arguments;
                        const luma = Uint8Array.from(atob(luma64), (c) => c.charCodeAt(0));
                        const rgba = new Uint8ClampedArray(width * height * 4);
                        for (let i = 0; i < luma.length; i++) {
                          rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = luma[i]; rgba[4 * i + 3] = 255;
                        }
                        const times = []; let text = null;
                        (async () => {
                          if (thread === 'worker') {
                            window.benchWorker ??= new Worker('/decoder/worker.js', { type: 'module' });
                            const w = window.benchWorker;
                            for (let i = 0; i < frames + 3; i++) {
                              const copy = rgba.slice().buffer;
                              const r = await new Promise((resolve) => {
                                w.onmessage = (e) => resolve(e.data);
                                w.postMessage({ id: i, rgba: copy, width, height, formats, tryHarder: hard }, [copy]);
                              });
                              if (i >= 3) times.push(r.ms); text = r.text;
                            }
                          } else {
                            const { decode } = await import('/decoder/zxing.js');
                            for (let i = 0; i < frames + 3; i++) {
                              const t0 = performance.now();
                              const grey = new Int8Array(width * height);
                              for (let p = 0, q = 0; p < grey.length; p++, q += 4) {
                                grey[p] = (rgba[q] * 306 + rgba[q + 1] * 601 + rgba[q + 2] * 117) >> 10;
                              }
                              text = decode(grey, width, height, formats, hard) ?? null;
                              if (i >= 3) times.push(performance.now() - t0);
                            }
                          }
                          times.sort((a, b) => a - b);
                          done({ median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], text });
                        })().catch((e) => done({ error: String(e) }));
                        """, luma, width, height, FORMATS, hard, FRAMES, thread);
        Map<String, Object> result = (Map<String, Object>) answer;
        if (result.get("error") != null) {
            return "error: " + result.get("error");
        }
        if (code && result.get("text") == null) {
            return "not read";
        }
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f",
                ((Number) result.get("median")).doubleValue(),
                ((Number) result.get("p90")).doubleValue());
    }

    /** Decoded frames and confirmed reads per second over 10 s with an EAN-13 photo in front of the camera. */
    private String readsPerSecond(Store store, int width, int height) {
        PackPhoto photo = PackPhoto.of(Kind.EAN_13, TestFixtures.gtin())
                .tilted(0.1)
                .rotated(8)
                .noise(5)
                .widthInFrame(0.5);
        Path video = FakeCamera.photos("bench-" + width, width, height, 5, List.of(new Shot(photo, 10)));
        try (Browser browser = Browser.startWithCamera(video)) {
            browser.driver().manage().window().setSize(new Dimension(430, 1000));
            browser.open("http://localhost:" + port + "/s/" + store.id());
            browser.waitUntil(
                    Duration.ofSeconds(10),
                    "app ready",
                    d -> "ready".equals(browser.find("#app").getDomAttribute("data-state")));
            browser.find("#camera-start").click();
            browser.eventually(Duration.ofSeconds(20), "first read", () -> {
                if (browser.cameraReads() < 1) {
                    throw new AssertionError("no read yet");
                }
            });
            long reads = browser.cameraReads();
            long frames = decodedFrames(browser);
            sleep(10_000);
            double readRate = (browser.cameraReads() - reads) / 10.0;
            double frameRate = (decodedFrames(browser) - frames) / 10.0;
            return String.format(Locale.ROOT, "%.1f, %.1f", frameRate, readRate);
        }
    }

    private static long decodedFrames(Browser browser) {
        String stats = String.valueOf(browser.script("return document.getElementById('camera').dataset.decoder;"));
        String[] words = stats.split(" ");
        return Long.parseLong(words[0]) + Long.parseLong(words[4]);
    }

    private static String downloadSize() {
        StringBuilder text = new StringBuilder("Decoder download: ");
        for (String file : new String[] {"zxing.js", "worker.js"}) {
            byte[] bytes = resource("/static/decoder/" + file);
            text.append(String.format(Locale.ROOT, "`%s` %,d bytes, %,d gzip; ", file, bytes.length, gzip(bytes)));
        }
        return text.toString();
    }

    /**
     * The shopper app on a 1.6 Mbit/s link with 150 ms latency (DevTools network emulation), empty cache: first
     * contentful paint, interactive (the app's ready state), and when the decoder files start and end loading
     * after the camera button is pressed.
     */
    @SuppressWarnings("unchecked")
    private String slowLink(String app) {
        try (Browser browser = Browser.startWithCamera(FakeCamera.ean13(TestFixtures.gtin()))) {
            browser.onSlowLink();
            long started = System.nanoTime();
            browser.open(app);
            browser.waitUntil(
                    Duration.ofSeconds(30),
                    "app ready",
                    d -> "ready".equals(browser.find("#app").getDomAttribute("data-state")));
            double ready = (System.nanoTime() - started) / 1e6;
            Map<String, Object> paint = (Map<String, Object>)
                    browser.script("const p = performance.getEntriesByName('first-contentful-paint')[0];"
                            + " const n = performance.getEntriesByType('navigation')[0];"
                            + " return { fcp: p ? p.startTime : -1, dcl: n.domContentLoadedEventEnd,"
                            + " decoder: performance.getEntriesByType('resource')"
                            + ".filter(r => r.name.includes('/decoder/')).length };");
            browser.script("window.tapAt = performance.now();");
            browser.find("#camera-start").click();
            browser.eventually(Duration.ofSeconds(30), "decoder loaded", () -> {
                if (((Number)
                                        browser.script(
                                                "return performance.getEntriesByType('resource')"
                                                        + ".filter(r => r.name.includes('/decoder/zxing.js') && r.responseEnd > 0).length;"))
                                .intValue()
                        < 1) {
                    throw new AssertionError("decoder not loaded");
                }
            });
            Map<String, Object> decoder = (Map<String, Object>) browser.script(
                    "const z = performance.getEntriesByType('resource').find(r => r.name.includes('/decoder/zxing.js'));"
                            + " return { start: z.startTime - window.tapAt, end: z.responseEnd - window.tapAt,"
                            + " size: z.transferSize };");
            return String.format(
                    Locale.ROOT,
                    "On 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, empty cache: first contentful paint %.0f ms,"
                            + " DOMContentLoaded %.0f ms, app ready (interactive, measured from the test) %.0f ms;"
                            + " decoder files loaded before the camera tap: %s. After the tap, zxing.js started"
                            + " at +%.0f ms and was in at +%.0f ms (%,d bytes on the wire).",
                    ((Number) paint.get("fcp")).doubleValue(),
                    ((Number) paint.get("dcl")).doubleValue(),
                    ready,
                    paint.get("decoder"),
                    ((Number) decoder.get("start")).doubleValue(),
                    ((Number) decoder.get("end")).doubleValue(),
                    ((Number) decoder.get("size")).longValue());
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = CameraDecoderBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
