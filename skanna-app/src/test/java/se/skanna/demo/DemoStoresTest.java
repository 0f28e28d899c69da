package se.skanna.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.skanna.store.Store;
import se.skanna.store.StoreStatus;

class DemoStoresTest {

    static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void gives_about_800_stores_across_all_21_swedish_regions() {
        List<Store> stores = DemoStores.generate(DemoDataLoader.STORES, DemoDataLoader.SEED, AT);

        assertThat(stores.size()).isBetween(780, 820);
        assertThat(stores.stream().map(Store::region).distinct()).hasSize(21).contains("Skåne län", "Norrbottens län");
        assertThat(stores).allSatisfy(store -> {
            assertThat(store.status()).isEqualTo(StoreStatus.OPEN);
            assertThat(store.name()).startsWith(DemoStores.CHAIN + " ").contains(store.city());
        });
    }

    @Test
    void ids_and_names_are_unique() {
        List<Store> stores = DemoStores.generate(DemoDataLoader.STORES, DemoDataLoader.SEED, AT);

        assertThat(stores.stream().map(Store::id).distinct()).hasSameSizeAs(stores);
        assertThat(stores.stream().map(Store::name).distinct()).hasSameSizeAs(stores);
    }

    @Test
    void the_same_seed_gives_the_same_chain() {
        assertThat(DemoStores.generate(800, 7, AT)).isEqualTo(DemoStores.generate(800, 7, AT));
        assertThat(DemoStores.generate(800, 7, AT)).isNotEqualTo(DemoStores.generate(800, 8, AT));
    }

    @Test
    void big_towns_get_more_stores_than_small_ones() {
        List<Store> stores = DemoStores.generate(DemoDataLoader.STORES, DemoDataLoader.SEED, AT);

        long stockholm =
                stores.stream().filter(s -> s.city().equals("Stockholm")).count();
        long visby = stores.stream().filter(s -> s.city().equals("Visby")).count();

        assertThat(stockholm).isGreaterThan(visby * 5);
        assertThat(visby).isPositive();
    }
}
