package se.skanna.catalog;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import se.skanna.SkannaApplication;
import se.skanna.gs1.CheckDigits;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;

/**
 * Parse plus look-up per scanned code, through the real {@link Catalog} of a running application holding a
 * large catalog: {@code bash bench/jmh.sh CatalogLookupBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CatalogLookupBenchmark {

    @Param("200000")
    int products;

    ConfigurableApplicationContext context;
    Catalog catalog;
    String[] eans;
    String[] weightLabels;
    int next;

    @Setup
    public void start() {
        context = SpringApplication.run(
                SkannaApplication.class,
                "--spring.datasource.url=jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "--server.port=0",
                "--skanna.demo.enabled=false",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN",
                "--SKANNA_ADMIN_PASSWORD=benchmark-only-password");
        context.getBean(StoreNetwork.class)
                .register(
                        List.of(new Store("bench", "Bench", "Bench", "Bench", StoreStatus.OPEN, null, Instant.EPOCH)));
        context.getBean(CatalogImporter.class).importDemo(LargeCatalog.file(products, 42));
        catalog = context.getBean(Catalog.class);
        eans = new String[1024];
        weightLabels = new String[1024];
        for (int i = 0; i < eans.length; i++) {
            int product = (i * 7919) % products;
            eans[i] = CheckDigits.append("73" + "%010d".formatted(product - product % 50));
            weightLabels[i] = CheckDigits.append("23" + "%06d".formatted((product / 50) % (products / 50)) + "1250");
        }
    }

    @TearDown
    public void stop() {
        context.close();
    }

    @Benchmark
    public ScannedItem ean13() {
        return catalog.resolve("bench", eans[next++ & 1023]);
    }

    @Benchmark
    public ScannedItem weightLabel() {
        return catalog.resolve("bench", weightLabels[next++ & 1023]);
    }
}
