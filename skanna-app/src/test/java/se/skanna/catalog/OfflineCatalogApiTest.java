package se.skanna.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** The phone's offline product snapshot: what it carries, its ETag, and deltas since an earlier copy. */
@SkannaTest
class OfflineCatalogApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Store store;
    String milk;
    String snus;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        store = fixtures.store();
        milk = TestFixtures.gtin();
        snus = TestFixtures.gtin();
        Map<String, Object> snusProduct =
                ProductEntry.of(snus, "Snus 24 g", 6200).ageLimit(18).deposit(0).map();
        fixtures.importCatalog(
                api,
                Map.of(
                        "products",
                        List.of(TestFixtures.product(milk, "Mellanmjölk", 1795), snusProduct),
                        "prices",
                        List.of(Map.of("storeId", store.id(), "gtin", milk, "price", 1695)),
                        "offers",
                        List.of(Map.of(
                                "id",
                                TestFixtures.unique("o-"),
                                "description",
                                "2 för 30 kr",
                                "type",
                                "N_FOR_PRICE",
                                "gtins",
                                List.of(milk),
                                "n",
                                2,
                                "price",
                                3000,
                                "storeIds",
                                List.of(store.id())))));
    }

    @Test
    void the_snapshot_carries_each_product_with_the_stores_price_deposit_age_limit_and_unit_and_the_offers() {
        Api.Response answer = snapshot(null, null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("storeId").asString()).isEqualTo(store.id());
        assertThat(strings(body.get("fields"))).containsExactly("gtin", "name", "price", "deposit", "ageLimit", "unit");
        assertThat(row(body, milk)).isEqualTo("[\"0" + milk + "\",\"Mellanmjölk\",1695,0,null,\"EACH\"]");
        assertThat(row(body, snus)).isEqualTo("[\"0" + snus + "\",\"Snus 24 g\",6200,0,18,\"EACH\"]");
        assertThat(body.get("offers")
                        .valueStream()
                        .filter(o -> o.get("gtins").get(0).asString().equals("0" + milk))
                        .map(o -> o.get("description").asString()))
                .containsExactly("2 för 30 kr");
        assertThat(body.get("layouts").get(0).get("prefix").asString()).isEqualTo("20");
        assertThat(body.get("freshUntil").asString()).isNotBlank();
        assertThat(answer.header("ETag")).isEqualTo("W/\"" + body.get("version").asString() + "\"");
    }

    @Test
    void an_unchanged_snapshot_answers_304_and_a_changed_one_a_new_version() {
        Api.Response first = snapshot(null, null);
        String etag = first.header("ETag");

        Api.Response again = snapshot(null, etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        fixtures.importCatalog(
                api, Map.of("prices", List.of(Map.of("storeId", store.id(), "gtin", milk, "price", 1495))));
        Api.Response changed = snapshot(null, etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(row(changed.json(), milk)).contains(",1495,");
    }

    @Test
    void a_delta_since_an_earlier_snapshot_holds_only_the_products_that_changed_since() {
        // both products were imported two hours ago, long before the phone's copy
        jdbc.sql("update product set updated_at = updated_at - interval '2' hour where gtin in (:gtins)")
                .param("gtins", List.of("0" + milk, "0" + snus))
                .update();
        jdbc.sql("update store_price set updated_at = updated_at - interval '2' hour where gtin = :gtin")
                .param("gtin", "0" + milk)
                .update();
        JsonNode copy = snapshot(null, null).json();
        String since = copy.get("generatedAt").asString();

        fixtures.importCatalog(
                api, Map.of("prices", List.of(Map.of("storeId", store.id(), "gtin", milk, "price", 1395))));
        Api.Response delta = snapshot(since, null);

        assertThat(delta.status()).as(delta.body()).isEqualTo(200);
        JsonNode body = delta.json();
        assertThat(body.get("since").asString()).isEqualTo(since);
        assertThat(row(body, milk)).contains(",1395,");
        assertThat(row(body, snus)).as("unchanged since the copy").isNull();
        assertThat(body.get("products").size()).isLessThan(copy.get("products").size());
    }

    @Test
    void a_bad_since_or_an_unknown_store_is_a_clear_problem() {
        Api.Response bad = snapshot("yesterday", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemCode()).isEqualTo("invalid_parameter");

        Api.Response unknown = api.get("/api/v1/stores/no-such-store/offline-catalog");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("store_not_found");
    }

    private Api.Response snapshot(String since, String ifNoneMatch) {
        String path = "/api/v1/stores/" + store.id() + "/offline-catalog"
                + (since == null ? "" : "?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
        Api.Request request = api.request("GET", path);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.send();
    }

    private static String row(JsonNode body, String gtin) {
        for (JsonNode row : body.get("products")) {
            if (row.get(0).asString().equals("0" + gtin)) {
                return row.toString();
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
