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

        assertThat(stores.size()).as("the seeded chain").isEqualTo(801);
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

    @Test
    void every_store_has_an_address_a_postcode_of_its_town_a_position_near_it_and_opening_hours() {
        List<Store> stores = DemoStores.generate(DemoDataLoader.STORES, DemoDataLoader.SEED, AT);

        assertThat(stores).allSatisfy(store -> {
            DemoPlaces.Town town = DemoPlaces.town(store.city());
            assertThat(store.street()).matches("\\p{L}[\\p{L} ]+ \\d{1,2}");
            assertThat(store.postcode()).matches("\\d{3} \\d{2}");
            int range = Integer.parseInt(store.postcode().substring(0, 3));
            assertThat(range).isBetween(town.postcodeRange(), town.postcodeRange() + town.ranges() - 1);
            double km = new se.skanna.store.GeoPoint(town.lat(), town.lon()).kmTo(store.lat(), store.lon());
            assertThat(km).as(store.name()).isLessThanOrEqualTo(12.5);
            assertThat(se.skanna.store.OpeningHours.parse(store.openingHours()).text())
                    .isEqualTo(store.openingHours());
        });
        Store umea =
                stores.stream().filter(s -> s.city().equals("Umeå")).findFirst().orElseThrow();
        assertThat(umea.postcode()).startsWith("90");
        assertThat(umea.lat()).isBetween(63.7, 63.95);
    }

    @Test
    void addresses_do_not_change_the_names_stores_had_before_them() {
        // the names come from the first random sequence alone, as before stores had addresses
        List<Store> stores = DemoStores.generate(DemoDataLoader.STORES, DemoDataLoader.SEED, AT);

        assertThat(stores.getFirst().id()).isEqualTo("s0001");
        assertThat(stores.stream().map(Store::name).distinct()).hasSameSizeAs(stores);
    }
}
