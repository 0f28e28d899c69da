package se.skanna.demo;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterLock;
import se.skanna.store.StoreNetwork;

/** Fills an empty database with the demo chain on first start ({@code skanna.demo.enabled}, on by default). */
@Component
@Order(-1)
@ConditionalOnProperty(name = "skanna.demo.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    static final int STORES = 800;
    static final long SEED = 20210702L;
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final StoreNetwork network;
    private final ClusterLock lock;
    private final Clock clock;

    DemoDataLoader(StoreNetwork network, ClusterLock lock, Clock clock) {
        this.network = network;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        // several nodes may start at once on an empty database: one loads, the others find it loaded
        lock.exclusively("demo-stores", () -> {
            if (network.storedCount() > 0) {
                // a demo database from before stores had addresses: give its demo stores theirs
                int filled = network.fillInDetails(DemoStores.generate(STORES, SEED, clock.instant()));
                if (filled > 0) {
                    log.info("Gave {} demo stores an address, position and opening hours.", filled);
                }
                return;
            }
            var stores = DemoStores.generate(STORES, SEED, clock.instant());
            network.register(stores);
            log.info("Loaded the demo chain: {} stores.", stores.size());
        });
    }
}
