package se.skanna.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.gs1.CheckDigits;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import se.skanna.trip.Trips;
import tools.jackson.databind.JsonNode;

/** Weight and price labels must be plausible for their product; a label typed in by hand is an audit risk. */
@SkannaTest
class LabelBoundsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Trips trips;

    Api api;
    Store store;
    String hq;
    /** Prästost, 139 kr/kg, default bounds. */
    String cheese;
    /** Lösgodis, 99 kr/kg, at most 2 kg a bag. */
    String candy;
    /** A deli dish with a price label, default bounds. */
    String dish;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        hq = fixtures.account(Role.HQ);
        cheese = TestFixtures.weighedGtin();
        candy = TestFixtures.weighedGtin();
        dish = priceLabelled();
        Map<String, Object> cheeseProduct = weighed(cheese, "Prästost", 13900);
        Map<String, Object> candyProduct = weighed(candy, "Lösgodis", 9900);
        candyProduct.put("maxWeightGrams", 2000);
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(cheeseProduct, candyProduct, TestFixtures.product(dish, "Dagens rätt", 8900))));
    }

    static Map<String, Object> weighed(String gtin, String name, long kiloPrice) {
        Map<String, Object> product =
                ProductEntry.of(gtin, name, kiloPrice).perKilo().map();
        return product;
    }

    /** A price-label product number (prefix 20: price in kr with 2 decimals), value digits zero. */
    static String priceLabelled() {
        return CheckDigits.append("20"
                + "%06d"
                        .formatted(
                                java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000)) + "0000");
    }

    /** The label code of a product number with its 4 value digits set. */
    static String label(String product, int value) {
        return CheckDigits.append(product.substring(0, 8) + "%04d".formatted(value));
    }

    Api.Response scan(String[] trip, String code, String entry) {
        Map<String, Object> body =
                new HashMap<>(Map.of("scanId", UUID.randomUUID().toString(), "code", code));
        if (entry != null) {
            body.put("entry", entry);
        }
        return api.request("POST", "/api/v1/trips/" + trip[0] + "/scans")
                .header("Authorization", "Bearer " + trip[1])
                .json(body)
                .send();
    }

    JsonNode cart(String[] trip) {
        return api.request("GET", "/api/v1/trips/" + trip[0])
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json()
                .get("cart");
    }

    @Test
    void a_weight_label_of_one_gram_of_cheese_is_refused_with_its_reason_and_adds_nothing() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response refused = scan(trip, label(cheese, 1), null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.problemCode()).isEqualTo("implausible_label");
        assertThat(refused.json().get("weightGrams").asLong()).isEqualTo(1);
        assertThat(refused.json().get("minWeightGrams").asLong()).isEqualTo(10);
        assertThat(refused.json().get("detail").asString()).contains("1 g", "Prästost");
        assertThat(cart(trip).get("lines").size()).isZero();
        assertThat(trips.risk(trip[0]).unknownCodes()).isEqualTo(1);
    }

    @Test
    void a_plausible_weight_is_priced_and_a_product_s_own_maximum_applies() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response cheeseScan = scan(trip, label(cheese, 1250), null);
        Api.Response heavyCandy = scan(trip, label(candy, 2500), null);
        Api.Response bag = scan(trip, label(candy, 350), null);

        assertThat(cheeseScan.status()).as(cheeseScan.body()).isEqualTo(200);
        assertThat(cheeseScan.json().at("/line/amount").asLong()).isEqualTo(17375);
        assertThat(heavyCandy.status()).isEqualTo(422);
        assertThat(heavyCandy.problemCode()).isEqualTo("implausible_label");
        assertThat(heavyCandy.json().get("maxWeightGrams").asLong()).isEqualTo(2000);
        assertThat(bag.status()).as(bag.body()).isEqualTo(200);
        assertThat(cart(trip).get("lines").size()).isEqualTo(2);
    }

    @Test
    void a_price_label_below_the_minimum_is_refused_and_a_normal_one_is_sold() {
        String[] trip = TestFixtures.tripWith(api, store.id());

        Api.Response cheap = scan(trip, label(dish, 5), null);
        Api.Response normal = scan(trip, label(dish, 8900), null);

        assertThat(cheap.status()).as(cheap.body()).isEqualTo(422);
        assertThat(cheap.problemCode()).isEqualTo("implausible_label");
        assertThat(cheap.json().get("labelPrice").asLong()).isEqualTo(5);
        assertThat(normal.status()).as(normal.body()).isEqualTo(200);
        assertThat(normal.json().at("/line/amount").asLong()).isEqualTo(8900);
    }

    @Test
    void a_label_typed_in_by_hand_is_counted_as_a_risk_and_a_camera_read_or_a_typed_gtin_is_not() {
        String milk = TestFixtures.gtin();
        fixtures.importCatalog(api, Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1500))));
        String[] trip = TestFixtures.tripWith(api, store.id());

        assertThat(scan(trip, label(cheese, 500), "CAMERA").status()).isEqualTo(200);
        assertThat(scan(trip, label(cheese, 400), null).status()).isEqualTo(200);
        assertThat(scan(trip, milk, "MANUAL").status()).isEqualTo(200);
        int before = trips.risk(trip[0]).manualLabels();
        assertThat(scan(trip, label(cheese, 300), "MANUAL").status()).isEqualTo(200);
        Api.Response unknownEntry = scan(trip, label(cheese, 200), "KEYBOARD");

        assertThat(before).isZero();
        assertThat(trips.risk(trip[0]).manualLabels()).isEqualTo(1);
        assertThat(unknownEntry.status()).isEqualTo(400);
        assertThat(cart(trip).get("lines").size()).isEqualTo(4);
    }

    @Test
    void bounds_are_catalog_data_in_json_and_csv_and_bad_ones_reject_the_import() {
        String sausage = TestFixtures.weighedGtin();
        String csv = "gtin,name,brand,unit,vatRate,price,deposit,ageLimit,minWeightGrams,maxWeightGrams,minLabelPrice,"
                + "maxLabelPrice\n" + sausage + ",Falukorv,,KG,600,7900,0,,200,1200,,\n";
        Api.Response imported = api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .body("text/csv", csv)
                .send();
        Map<String, Object> bad = weighed(TestFixtures.weighedGtin(), "Fel", 1000);
        bad.put("maxWeightGrams", 0);
        Map<String, Object> crossed = weighed(TestFixtures.weighedGtin(), "Korsat", 1000);
        crossed.put("minWeightGrams", 500);
        crossed.put("maxWeightGrams", 100);
        Api.Response rejected = api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("products", List.of(bad, crossed)))
                .send();
        String[] trip = TestFixtures.tripWith(api, store.id());

        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(scan(trip, label(sausage, 150), null).problemCode()).isEqualTo("implausible_label");
        assertThat(scan(trip, label(sausage, 600), null).status()).isEqualTo(200);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.problemCode()).isEqualTo("import_rejected");
        assertThat(rejected.json().at("/errors/0/path").asString()).isEqualTo("products[0].maxWeightGrams");
        assertThat(rejected.json().at("/errors/1/path").asString()).isEqualTo("products[1].maxWeightGrams");
    }
}
