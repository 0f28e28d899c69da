package se.skanna.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.support.TestFixtures;

/**
 * Size and download time of the shopper app's offline product snapshot, for docs/benchmarks.md: the demo
 * store (the demo catalog) and a store with 20,000 products ({@link LargeCatalog}). Not part of the suite (no
 * Test suffix); run with {@code -Dtest=OfflineCatalogSizeBenchmark}. Its own in-memory database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "skanna.demo.enabled=true",
            "spring.datasource.url=jdbc:h2:mem:offline-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles("test")
@Import(TestFixtures.class)
class OfflineCatalogSizeBenchmark {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        String store = fixtures.store().id();
        report("demo catalog", store);
        fixtures.importCatalog(
                new se.skanna.support.Api(port), java.util.Map.of("products", LargeCatalog.products(20_000 - 535, 42)));
        report("20,000 products", store);
    }

    private void report(String what, String store) throws Exception {
        String path = "http://localhost:" + port + "/api/v1/stores/" + store + "/offline-catalog";
        long[] fullMs = new long[7];
        long[] notModifiedMs = new long[7];
        byte[] body = null;
        String etag = null;
        int gzipped = 0;
        for (int i = 0; i < fullMs.length; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> full = http.send(
                    HttpRequest.newBuilder(URI.create(path))
                            .header("Accept-Encoding", "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            fullMs[i] = (System.nanoTime() - started) / 1_000_000;
            gzipped = full.body().length;
            etag = full.headers().firstValue("ETag").orElseThrow();
            started = System.nanoTime();
            HttpResponse<byte[]> same = http.send(
                    HttpRequest.newBuilder(URI.create(path))
                            .header("If-None-Match", etag)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            notModifiedMs[i] = (System.nanoTime() - started) / 1_000_000;
            if (same.statusCode() != 304) {
                throw new AssertionError("expected 304, got " + same.statusCode());
            }
        }
        body = http.send(HttpRequest.newBuilder(URI.create(path)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
        int products = new String(body, java.nio.charset.StandardCharsets.UTF_8).split("\\],\\[", -1).length;
        System.out.printf(
                "SNAPSHOT %s: ~%d products, %d bytes JSON, %d bytes gzip (server %d), median full %d ms,"
                        + " median 304 %d ms, at 1 Mbit/s %.1f s%n",
                what,
                products,
                body.length,
                gzip(body),
                gzipped,
                median(fullMs),
                median(notModifiedMs),
                gzip(body) * 8 / 1_000_000.0);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.size();
    }
}
