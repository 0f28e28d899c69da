package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import se.skanna.gs1.CheckDigits;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

class TripApiTest {

    abstract static class TripCase {

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        Api api;
        Store store;
        String milk;
        String soda;
        String cheese;

        @BeforeEach
        void setUp() {
            api = new Api(port);
            store = fixtures.store();
            milk = TestFixtures.gtin();
            soda = TestFixtures.gtin();
            cheese = TestFixtures.weighedGtin();
            fixtures.importCatalog(
                    api,
                    Map.of(
                            "products",
                            List.of(
                                    product(milk, "Mellanmjölk 1 l", "EACH", 1795, 0),
                                    product(soda, "Läsk 33 cl", "EACH", 1295, 200),
                                    product(cheese, "Prästost", "KG", 13900, 0)),
                            "offers",
                            List.of(Map.of(
                                    "id",
                                    TestFixtures.unique("two-milk-"),
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

        static Map<String, Object> product(String gtin, String name, String unit, long price, long deposit) {
            Map<String, Object> product = TestFixtures.product(gtin, name, price);
            product.put("unit", unit);
            product.put("deposit", deposit);
            return product;
        }

        /** A started trip: {tripId, token}. */
        String[] start() {
            Api.Response started = api.request("POST", "/api/v1/trips")
                    .json(Map.of("storeId", store.id()))
                    .send();
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            return new String[] {
                started.json().get("tripId").asString(),
                started.json().get("token").asString()
            };
        }

        Api.Response scan(String[] trip, String scanId, String code) {
            return scan(trip, Map.of("scanId", scanId, "code", code));
        }

        Api.Response scan(String[] trip, Map<String, ?> body) {
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
    }

    @Nested
    @SkannaTest
    class Shopping extends TripCase {

        @Test
        void a_new_trip_has_an_empty_cart_and_a_token() {
            Api.Response started = api.request("POST", "/api/v1/trips")
                    .json(Map.of("storeId", store.id()))
                    .send();

            assertThat(started.status()).isEqualTo(201);
            JsonNode body = started.json();
            assertThat(body.get("token").asString()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(body.get("status").asString()).isEqualTo("OPEN");
            assertThat(body.at("/cart/total").asLong()).isZero();
            assertThat(body.at("/cart/currency").asString()).isEqualTo("SEK");
        }

        @Test
        void a_closed_store_refuses_new_trips_and_an_unknown_one_is_404() {
            String hq = fixtures.account(Role.HQ);
            api.request("PUT", "/api/v1/stores/" + store.id() + "/status")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(Map.of("status", "CLOSED", "message", "Stängt för inventering"))
                    .send();

            Api.Response closed = api.request("POST", "/api/v1/trips")
                    .json(Map.of("storeId", store.id()))
                    .send();
            Api.Response unknown = api.request("POST", "/api/v1/trips")
                    .json(Map.of("storeId", "nope"))
                    .send();

            assertThat(closed.status()).isEqualTo(409);
            assertThat(closed.problemCode()).isEqualTo("store_closed");
            assertThat(closed.json().get("detail").asString()).contains("inventering");
            assertThat(unknown.status()).isEqualTo(404);
        }

        @Test
        void scans_add_lines_priced_by_the_server_with_offers_and_deposits() {
            String[] trip = start();

            JsonNode first = scan(trip, "s1", milk).json();
            scan(trip, "s2", milk);
            JsonNode third = scan(trip, "s3", soda).json();

            assertThat(first.at("/line/quantity").asInt()).isEqualTo(1);
            JsonNode cart = third.get("cart");
            assertThat(cart.get("lines").size()).isEqualTo(2);
            assertThat(cart.at("/lines/0/quantity").asInt()).isEqualTo(2);
            assertThat(cart.get("subtotal").asLong()).isEqualTo(2 * 1795 + 1295);
            assertThat(cart.get("discountTotal").asLong()).isEqualTo(2 * 1795 - 3000);
            assertThat(cart.get("depositTotal").asLong()).isEqualTo(200);
            assertThat(cart.get("total").asLong()).isEqualTo(3000 + 1295 + 200);
            assertThat(cart.at("/discounts/0/description").asString()).isEqualTo("2 för 30 kr");
            assertThat(cart.at("/vat/0/gross").asLong())
                    .isEqualTo(cart.get("total").asLong());
            assertThat(cart.get("itemCount").asInt()).isEqualTo(3);
        }

        @Test
        void the_same_scan_id_answers_the_same_and_adds_nothing() {
            String[] trip = start();

            Api.Response first = scan(trip, "same", milk);
            Api.Response again = scan(trip, "same", milk);
            Api.Response reused = scan(trip, "same", soda);

            assertThat(again.status()).isEqualTo(first.status());
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(cart(trip).get("itemCount").asInt()).isEqualTo(1);
            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.problemCode()).isEqualTo("scan_id_reused");
        }

        @Test
        void concurrent_retries_of_one_scan_add_one_item() throws Exception {
            String[] trip = start();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<Api.Response> retry = () -> scan(trip, "retried", soda);
                    answers.add(pool.submit(retry));
                }
                for (Future<Api.Response> answer : answers) {
                    assertThat(answer.get().status()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }

            assertThat(cart(trip).get("itemCount").asInt()).isEqualTo(1);
        }

        @Test
        void a_weight_label_adds_a_weighed_line_and_a_bare_kilo_code_asks_for_the_label() {
            String[] trip = start();
            String label = CheckDigits.append(cheese.substring(0, 8) + "0500");

            JsonNode line = scan(trip, "w1", label).json().get("line");
            Api.Response bare = scan(trip, "w2", cheese);

            assertThat(line.get("weightGrams").asLong()).isEqualTo(500);
            assertThat(line.get("unitPrice").asLong()).isEqualTo(13900);
            assertThat(line.get("amount").asLong()).isEqualTo(6950);
            assertThat(bare.status()).isEqualTo(422);
            assertThat(bare.problemCode()).isEqualTo("weight_required");
        }

        @Test
        void quantities_change_and_zero_or_delete_removes_the_line() {
            String[] trip = start();
            String lineId = scan(trip, "q1", milk).json().at("/line/lineId").asString();
            String sodaLine = scan(trip, "q2", soda).json().at("/line/lineId").asString();

            Api.Response three = api.request("PATCH", "/api/v1/trips/" + trip[0] + "/lines/" + lineId)
                    .header("Authorization", "Bearer " + trip[1])
                    .json(Map.of("quantity", 3))
                    .send();
            Api.Response zero = api.request("PATCH", "/api/v1/trips/" + trip[0] + "/lines/" + sodaLine)
                    .header("Authorization", "Bearer " + trip[1])
                    .json(Map.of("quantity", 0))
                    .send();
            Api.Response deleted = api.request("DELETE", "/api/v1/trips/" + trip[0] + "/lines/" + lineId)
                    .header("Authorization", "Bearer " + trip[1])
                    .send();

            assertThat(three.json().at("/lines/0/quantity").asInt()).isEqualTo(3);
            assertThat(zero.json().get("lines").size()).isEqualTo(1);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.json().get("lines").size()).isZero();
        }

        @Test
        void a_token_opens_its_own_trip_only() {
            String[] mine = start();
            String[] other = start();

            Api.Response noToken = api.get("/api/v1/trips/" + mine[0]);
            Api.Response wrongToken = api.request("GET", "/api/v1/trips/" + mine[0])
                    .header("Authorization", "Bearer " + other[1])
                    .send();
            Api.Response wrongScan = scan(new String[] {mine[0], other[1]}, "x1", milk);
            Api.Response unknown = api.request("GET", "/api/v1/trips/t-" + UUID.randomUUID())
                    .header("Authorization", "Bearer " + mine[1])
                    .send();

            assertThat(noToken.status()).isEqualTo(401);
            assertThat(wrongToken.status()).isEqualTo(403);
            assertThat(wrongScan.status()).isEqualTo(403);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(cart(mine).get("itemCount").asInt()).isZero();
        }

        @Test
        void bad_scans_are_refused_and_change_nothing() {
            String[] trip = start();
            scan(trip, "ok", milk);

            Api.Response unknownProduct = scan(trip, "b1", TestFixtures.gtin());
            Api.Response badCode = scan(trip, "b2", "7310865004704");
            Api.Response absurd = scan(trip, Map.of("scanId", "b3", "code", milk, "quantity", 5000));
            Api.Response negative = scan(trip, Map.of("scanId", "b4", "code", milk, "quantity", -1));
            Api.Response unknownField = scan(trip, Map.of("scanId", "b5", "code", milk, "price", 1));
            Api.Response noScanId = scan(trip, Map.of("code", milk));
            Api.Response huge = scan(trip, Map.of("scanId", "b6", "code", "7".repeat(100_000)));

            assertThat(unknownProduct.status()).isEqualTo(404);
            assertThat(unknownProduct.problemCode()).isEqualTo("unknown_product");
            assertThat(badCode.status()).isEqualTo(422);
            assertThat(badCode.problemCode()).isEqualTo("invalid_barcode");
            assertThat(absurd.status()).isEqualTo(422);
            assertThat(absurd.problemCode()).isEqualTo("invalid_quantity");
            assertThat(negative.status()).isEqualTo(422);
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(noScanId.status()).isEqualTo(422);
            assertThat(huge.status()).isEqualTo(413);
            JsonNode cart = cart(trip);
            assertThat(cart.get("itemCount").asInt()).isEqualTo(1);
            assertThat(cart.get("total").asLong()).isEqualTo(1795);
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "skanna.trips.idle-timeout=0s",
                "skanna.trips.scan-burst-per-trip=2",
                "skanna.trips.scans-per-second-per-trip=0.01"
            })
    @ActiveProfiles("test")
    @Import(TestFixtures.class)
    class Limits extends TripCase {

        @Test
        void an_idle_trip_expires_and_refuses_changes_with_409() {
            String[] trip = start();

            Api.Response late = scan(trip, "late", milk);

            assertThat(late.status()).isEqualTo(409);
            assertThat(late.problemCode()).isEqualTo("trip_not_open");
            assertThat(late.json().get("status").asInt()).isEqualTo(409);
            assertThat(late.json().get("tripStatus").asString()).isEqualTo("EXPIRED");
        }

        @Test
        void scanning_faster_than_a_person_is_429_with_retry_after() {
            String[] trip = start();
            scan(trip, "r1", milk);
            scan(trip, "r2", milk);

            Api.Response third = scan(trip, "r3", milk);

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.problemCode()).isEqualTo("too_many_requests");
            assertThat(Long.parseLong(third.header("Retry-After"))).isPositive();
        }
    }
}
