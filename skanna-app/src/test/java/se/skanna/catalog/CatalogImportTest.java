package se.skanna.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import se.skanna.gs1.CheckDigits;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

class CatalogImportTest {

    abstract static class ImportCase {

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        Api api;
        String hq;

        @BeforeEach
        void setUp() {
            api = new Api(port);
            hq = fixtures.account(Role.HQ);
        }

        Api.Response importJson(Object body) {
            return api.request("POST", "/api/v1/catalog/imports")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(body)
                    .send();
        }

        Api.Response importCsv(String csv) {
            return api.request("POST", "/api/v1/catalog/imports")
                    .as(hq, TestFixtures.PASSWORD)
                    .body("text/csv", csv)
                    .send();
        }

        Api.Response lookup(String storeId, String code) {
            return api.get("/api/v1/stores/" + storeId + "/products/" + code);
        }
    }

    @Nested
    @SkannaTest
    class Imports extends ImportCase {

        @Test
        void a_json_import_adds_products_store_prices_and_offers_that_lookups_then_use() {
            Store store = fixtures.store();
            Store other = fixtures.store();
            String milk = TestFixtures.gtin();
            String cheese = TestFixtures.weighedGtin();
            Map<String, Object> cheeseProduct =
                    ProductEntry.of(cheese, "Prästost", 13900).perKilo().map();
            Map<String, Object> body = Map.of(
                    "products",
                    List.of(TestFixtures.product(milk, "Mellanmjölk 1,5 % 1 l", 1795), cheeseProduct),
                    "prices",
                    List.of(Map.of(
                            "storeId", store.id(), "gtin", milk, "price", 1695, "validFrom", "2020-01-01T00:00:00Z")),
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
                            3000)));

            Api.Response response = importJson(body);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("products").asInt()).isEqualTo(2);
            assertThat(response.json().get("prices").asInt()).isEqualTo(1);
            assertThat(response.json().get("offers").asInt()).isEqualTo(1);
            JsonNode inStore = lookup(store.id(), milk).json();
            assertThat(inStore.get("price").asLong()).isEqualTo(1695);
            assertThat(inStore.get("amount").asLong()).isEqualTo(1695);
            assertThat(inStore.get("gtin").asString()).isEqualTo("0" + milk);
            assertThat(inStore.get("vatRate").asInt()).isEqualTo(600);
            assertThat(lookup(other.id(), milk).json().get("price").asLong()).isEqualTo(1795);
            String label = CheckDigits.append(cheese.substring(0, 8) + "1250");
            JsonNode weighedLookup = lookup(store.id(), label).json();
            assertThat(weighedLookup.get("weightGrams").asLong()).isEqualTo(1250);
            assertThat(weighedLookup.get("amount").asLong()).isEqualTo(17375);
        }

        @Test
        void a_store_price_that_starts_later_is_not_used_yet() {
            Store store = fixtures.store();
            String gtin = TestFixtures.gtin();

            importJson(Map.of(
                    "products",
                    List.of(TestFixtures.product(gtin, "Kaffe 450 g", 6995)),
                    "prices",
                    List.of(Map.of(
                            "storeId", store.id(), "gtin", gtin, "price", 5995, "validFrom", "2099-01-01T00:00:00Z"))));

            assertThat(lookup(store.id(), gtin).json().get("price").asLong()).isEqualTo(6995);
        }

        @Test
        void one_bad_row_rejects_the_whole_import_and_reports_every_bad_row() {
            Store store = fixtures.store();
            String good = TestFixtures.gtin();
            String badCheck = good.substring(0, 12) + (char) ('0' + (good.charAt(12) - '0' + 1) % 10);
            Map<String, Object> negative = TestFixtures.product(TestFixtures.gtin(), "Negativ", -5);
            Map<String, Object> noName = TestFixtures.product(TestFixtures.gtin(), " ", 100);

            Api.Response response = importJson(Map.of(
                    "products",
                            List.of(
                                    TestFixtures.product(good, "Bra vara", 1000),
                                    TestFixtures.product(badCheck, "Fel", 1000),
                                    negative,
                                    noName),
                    "prices", List.of(Map.of("storeId", "no-such-store", "gtin", good, "price", 900))));

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.problemCode()).isEqualTo("import_rejected");
            List<String> paths = new ArrayList<>();
            response.json()
                    .get("errors")
                    .forEach(error -> paths.add(error.get("path").asString()));
            assertThat(paths)
                    .containsExactlyInAnyOrder(
                            "products[1].gtin", "products[2].price", "products[3].name", "prices[0].storeId");
            assertThat(lookup(store.id(), good).status()).isEqualTo(404);
        }

        @Test
        void a_csv_import_adds_products_and_a_bad_line_is_reported_by_number() {
            Store store = fixtures.store();
            String first = TestFixtures.gtin();
            String second = TestFixtures.gtin();
            String csv = "gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n"
                    + first + ",\"Läsk, citron 33 cl\",Bryggeriet,EACH,600,1295,200,\n"
                    + second + ",Snus 24 g,Tobaksbolaget,EACH,2500,6200,0,18\n";
            String bad = "gtin,name,brand,unit,vatRate,price,deposit,ageLimit\n"
                    + TestFixtures.gtin() + ",Ok,B,EACH,600,100,0,\n"
                    + TestFixtures.gtin() + ",Fel enhet,B,LITER,600,100,0,\n"
                    + TestFixtures.gtin() + ",Fel pris,B,EACH,600,12.50,0,\n";

            Api.Response ok = importCsv(csv);
            Api.Response rejected = importCsv(bad);

            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            JsonNode soda = lookup(store.id(), first).json();
            assertThat(soda.get("name").asString()).isEqualTo("Läsk, citron 33 cl");
            assertThat(soda.get("deposit").asLong()).isEqualTo(200);
            assertThat(lookup(store.id(), second).json().get("ageLimit").asInt())
                    .isEqualTo(18);
            assertThat(lookup(store.id(), second).json().get("vatRate").asInt()).isEqualTo(2500);
            assertThat(rejected.status()).isEqualTo(422);
            List<String> where = new ArrayList<>();
            rejected.json()
                    .get("errors")
                    .forEach(e -> where.add(
                            e.get("line").asInt() + ":" + e.get("field").asString()));
            assertThat(where).containsExactlyInAnyOrder("3:unit", "4:price");
        }

        @Test
        void a_reimport_updates_the_product() {
            Store store = fixtures.store();
            String gtin = TestFixtures.gtin();
            importJson(Map.of("products", List.of(TestFixtures.product(gtin, "Gammalt namn", 1000))));

            importJson(Map.of("products", List.of(TestFixtures.product(gtin, "Nytt namn", 1200))));

            JsonNode now = lookup(store.id(), gtin).json();
            assertThat(now.get("name").asString()).isEqualTo("Nytt namn");
            assertThat(now.get("price").asLong()).isEqualTo(1200);
        }

        @Test
        void malformed_unknown_fields_and_wrong_media_types_are_refused() {
            Api.Response malformed = importJson("{\"products\": [");
            Api.Response unknownField = importJson(Map.of("products", List.of(), "extra", 1));
            Api.Response decimalPrice = importJson("{\"products\":[{\"gtin\":\"" + TestFixtures.gtin()
                    + "\",\"name\":\"x\",\"unit\":\"EACH\",\"vatClass\":\"FOOD\",\"price\":12.5}]}");
            Api.Response xml = api.request("POST", "/api/v1/catalog/imports")
                    .as(hq, TestFixtures.PASSWORD)
                    .body("application/xml", "<products/>")
                    .send();

            assertThat(malformed.status()).isEqualTo(400);
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().get("detail").asString()).contains("extra");
            assertThat(decimalPrice.status()).isEqualTo(400);
            assertThat(xml.status()).isEqualTo(415);
            assertThat(xml.problemCode()).isEqualTo("unsupported_media_type");
        }

        @Test
        void only_hq_imports() {
            Store store = fixtures.store();
            String manager = fixtures.account(Role.MANAGER, store.id());

            Api.Response byManager = api.request("POST", "/api/v1/catalog/imports")
                    .as(manager, TestFixtures.PASSWORD)
                    .json(Map.of("products", List.of()))
                    .send();
            Api.Response anonymous = api.request("POST", "/api/v1/catalog/imports")
                    .json(Map.of("products", List.of()))
                    .send();

            assertThat(byManager.status()).isEqualTo(403);
            assertThat(anonymous.status()).isEqualTo(401);
        }

        @Test
        void lookups_explain_unknown_products_bad_codes_and_unknown_stores() {
            Store store = fixtures.store();

            Api.Response unknown = lookup(store.id(), TestFixtures.gtin());
            Api.Response badCode = lookup(store.id(), "4006381333932");
            Api.Response noStore = lookup("no-such-store", "4006381333931");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.problemCode()).isEqualTo("unknown_product");
            assertThat(badCode.status()).isEqualTo(422);
            assertThat(badCode.problemCode()).isEqualTo("invalid_barcode");
            assertThat(noStore.status()).isEqualTo(404);
            assertThat(noStore.problemCode()).isEqualTo("store_not_found");
        }
    }

    @Nested
    @SkannaTest
    class WhenTheDatabaseFailsMidway extends ImportCase {

        @MockitoSpyBean
        CatalogRepository repository;

        @Test
        void nothing_of_the_import_is_applied() {
            Store store = fixtures.store();
            String gtin = TestFixtures.gtin();
            doThrow(new IllegalStateException("simulated failure"))
                    .when(repository)
                    .upsertStorePrices(any(), any());

            Api.Response response = importJson(Map.of(
                    "products", List.of(TestFixtures.product(gtin, "Halvvägs", 1000)),
                    "prices", List.of(Map.of("storeId", store.id(), "gtin", gtin, "price", 900))));

            assertThat(response.status()).isEqualTo(500);
            assertThat(repository.existingGtins()).doesNotContain("0" + gtin);
            assertThat(lookup(store.id(), gtin).status()).isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "skanna.request-limits.imports=4KB")
    @ActiveProfiles("test")
    @org.springframework.context.annotation.Import(TestFixtures.class)
    class WithASmallUploadLimit extends ImportCase {

        @Test
        void an_oversized_upload_is_413_and_changes_nothing() {
            Store store = fixtures.store();
            List<Map<String, Object>> products = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                products.add(TestFixtures.product(TestFixtures.gtin(), "Vara " + i, 1000));
            }

            Api.Response response = importJson(Map.of("products", products));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.problemCode()).isEqualTo("payload_too_large");
            assertThat(lookup(store.id(), (String) products.getFirst().get("gtin"))
                            .status())
                    .isEqualTo(404);
        }
    }
}
