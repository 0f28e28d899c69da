package se.skanna.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import se.skanna.staff.Role;
import se.skanna.staff.StaffAccounts;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;

/**
 * Creates what a test needs with unique names, so tests never see each other's data, on H2 or on a shared
 * PostgreSQL schema alike.
 */
@TestComponent
public class TestFixtures {

    public static final String PASSWORD = "correct-horse-battery";

    private final StoreNetwork network;
    private final StaffAccounts accounts;

    TestFixtures(StoreNetwork network, StaffAccounts accounts) {
        this.network = network;
        this.accounts = accounts;
    }

    /** A GTIN-13 with a Swedish prefix that no other test uses. */
    public static String gtin() {
        return se.skanna.gs1.CheckDigits.append("73"
                + "%010d"
                        .formatted(
                                java.util.concurrent.ThreadLocalRandom.current().nextLong(10_000_000_000L)));
    }

    /** An in-store weight-label product number (value digits zero) that no other test is likely to use. */
    public static String weighedGtin() {
        return se.skanna.gs1.CheckDigits.append("23"
                + "%06d"
                        .formatted(
                                java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000)) + "0000");
    }

    /** A product entry of a catalog import: sold per item, food VAT, no deposit ({@link ProductEntry} for more). */
    public static java.util.Map<String, Object> product(String gtin, String name, long price) {
        return ProductEntry.of(gtin, name, price).map();
    }

    /** Starts a trip in {@code storeId} and scans each code, asserting every scan succeeds: {tripId, token}. */
    public static String[] tripWith(Api api, String storeId, String... codes) {
        Api.Response start = api.request("POST", "/api/v1/trips")
                .json(java.util.Map.of("storeId", storeId))
                .send();
        if (start.status() != 201) {
            throw new AssertionError("trip start answered " + start.status() + ": " + start.body());
        }
        var started = start.json();
        String[] trip = {started.get("tripId").asString(), started.get("token").asString()};
        for (String code : codes) {
            Api.Response scanned = api.request("POST", "/api/v1/trips/" + trip[0] + "/scans")
                    .header("Authorization", "Bearer " + trip[1])
                    .json(java.util.Map.of("scanId", UUID.randomUUID().toString(), "code", code))
                    .send();
            if (scanned.status() != 200) {
                throw new AssertionError("scan of " + code + " answered " + scanned.status() + ": " + scanned.body());
            }
        }
        return trip;
    }

    /** Checks the trip out with the money-less {@code test} method and a fresh Idempotency-Key; the answer. */
    public static Api.Response checkout(Api api, String[] trip) {
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(java.util.Map.of("method", "test"))
                .send();
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A region of its own with {@code count} open stores. */
    public List<Store> region(int count) {
        String region = unique("Testlän ");
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stores.add(new Store(
                    unique("t"), "Matboden Test " + i, "Testby", region, StoreStatus.OPEN, null, Instant.now()));
        }
        network.register(stores);
        return stores;
    }

    public Store store() {
        return region(1).getFirst();
    }

    /**
     * Imports a catalog ({@code products}, {@code offers}… as {@code POST /api/v1/catalog/imports} takes them)
     * as a fresh HQ account, and fails the test unless it was applied.
     */
    public void importCatalog(Api api, java.util.Map<String, ?> catalog) {
        Api.Response imported = api.request("POST", "/api/v1/catalog/imports")
                .as(account(Role.HQ), PASSWORD)
                .json(catalog)
                .send();
        if (imported.status() != 200) {
            throw new AssertionError("catalog import answered " + imported.status() + ": " + imported.body());
        }
    }

    /** An account; returns its username. The password is always {@link #PASSWORD}. */
    public String account(Role role, String... storeIds) {
        String username = unique(role.name().toLowerCase() + "-");
        accounts.create(username, PASSWORD, role, Set.of(storeIds));
        return username;
    }
}
