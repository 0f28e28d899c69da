package se.skanna.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterLock;
import tools.jackson.databind.ObjectMapper;

/** Fills an empty catalog with the demo products and offers ({@code demo/catalog.json}) on first start. */
@Component
@Order(1)
@ConditionalOnProperty(name = "skanna.demo.enabled", havingValue = "true")
class DemoCatalogLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogLoader.class);

    private final CatalogRepository repository;
    private final CatalogImporter importer;
    private final ClusterLock lock;
    private final ObjectMapper json;

    DemoCatalogLoader(CatalogRepository repository, CatalogImporter importer, ClusterLock lock, ObjectMapper json) {
        this.repository = repository;
        this.importer = importer;
        this.lock = lock;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        // several nodes may start at once on an empty database: one loads, the others find it loaded
        lock.exclusively("demo-catalog", () -> {
            if (repository.productCount() > 0) {
                return;
            }
            try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
                CatalogImporter.Report report = importer.importDemo(json.readValue(in, ImportFile.class));
                log.info("Loaded the demo catalog: {} products, {} offers.", report.products(), report.offers());
            } catch (IOException e) {
                throw new UncheckedIOException("demo/catalog.json is unreadable", e);
            }
        });
    }
}
