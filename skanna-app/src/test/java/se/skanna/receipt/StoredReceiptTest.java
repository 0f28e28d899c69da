package se.skanna.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import se.skanna.payment.PaymentCompleted;
import se.skanna.signing.SigningKeys;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import se.skanna.trip.Cart;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A receipt stored before receipts were typed: its body is a fixed text, written the way the map-built body was
 * (every kind of line, an offer, two VAT rates, no provider reference). It still verifies, its journal still
 * checks out, and it is answered field for field, in the same order and with the same bytes, as before.
 */
@SkannaTest
class StoredReceiptTest {

    /** A body as {@code Receipts.issue} wrote it with a map (store, trip, payment and number filled in). */
    private static final String OLD_BODY = "{\"receiptId\":\"%s\",\"storeId\":\"%s\",\"storeName\":\"Matboden Ån\","
            + "\"number\":%d,\"issuedAt\":\"2026-11-25T10:00:00.123Z\",\"seller\":{\"name\":\"Matboden AB\","
            + "\"organisationNumber\":\"556000-0000\",\"address\":\"Storgatan 1, 111 22 Stockholm\"},"
            + "\"tripId\":\"%s\",\"lines\":[{\"lineId\":\"l-1\",\"code\":\"7310865004703\",\"gtin\":\"7310865004703\","
            + "\"name\":\"Mellanmjölk\",\"quantity\":2,\"unitPrice\":1795,\"amount\":3590,\"deposit\":0},"
            + "{\"lineId\":\"l-2\",\"code\":\"2912345012503\",\"name\":\"Äpple \\\"lösvikt\\\"\",\"quantity\":1,"
            + "\"weightGrams\":512,\"unitPrice\":3490,\"amount\":1787,\"deposit\":0},{\"lineId\":\"l-3\","
            + "\"code\":\"7311250004208\",\"gtin\":\"7311250004208\",\"name\":\"Snus 24 g\",\"quantity\":1,"
            + "\"unitPrice\":6200,\"amount\":6200,\"deposit\":100,\"ageLimit\":18}],\"discounts\":[{\"promotionId\":"
            + "\"p-2for30\",\"description\":\"2 för 30 kr\",\"amount\":590,\"times\":1,\"lineIds\":[\"l-1\"]}],"
            + "\"vat\":[{\"rate\":12,\"net\":4373,\"vat\":525,\"gross\":4898},{\"rate\":25,\"net\":4951,\"vat\":1238,"
            + "\"gross\":6189}],\"subtotal\":11577,\"discountTotal\":590,\"depositTotal\":100,\"total\":11087,"
            + "\"currency\":\"SEK\",\"payment\":{\"paymentId\":\"%s\",\"method\":\"test\",\"amount\":11087,"
            + "\"providerRef\":null}}";

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Journal journal;

    @Autowired
    SigningKeys keys;

    @Autowired
    Receipts receipts;

    @Autowired
    ObjectMapper json;

    @Test
    void a_sale_with_every_kind_of_line_is_signed_as_the_same_bytes_as_the_map_wrote() {
        Cart cart = new Cart(
                "SEK",
                List.of(
                        new Cart.Line(
                                "l-1", "7310865004703", "7310865004703", "Mellanmjölk", 2, null, 1795, 3590, 0, null),
                        new Cart.Line("l-2", "2912345012503", null, "Äpple \"lösvikt\"", 1, 512L, 3490, 1787, 0, null),
                        new Cart.Line(
                                "l-3", "7311250004208", "7311250004208", "Snus 24 g", 1, null, 6200, 6200, 100, 18)),
                List.of(new Cart.Discount("p-2for30", "2 för 30 kr", 590, 1, List.of("l-1"))),
                11577,
                590,
                100,
                11087,
                List.of(new Cart.Vat(12, 4373, 525, 4898), new Cart.Vat(25, 4951, 1238, 6189)),
                4);
        Receipts.Seller seller = new Receipts.Seller("Matboden AB", "556000-0000", "Storgatan 1, 111 22 Stockholm");
        for (String providerRef : new String[] {null, "swish-ref-1"}) {
            PaymentCompleted paid =
                    new PaymentCompleted("p-1", "t-1", "s-1", "test", providerRef, 11087, "SEK", cart, Instant.EPOCH);
            Receipts.Sale sale = SaleListener.saleOf(paid);

            // the body exactly as Receipts.issue built it before it was typed: the cart's records in a map
            Map<String, Object> old = new LinkedHashMap<>();
            old.put("receiptId", "r-1");
            old.put("storeId", "s-1");
            old.put("storeName", "Matboden Ån");
            old.put("number", 42L);
            old.put("issuedAt", "2026-11-25T10:00:00.123Z");
            old.put("seller", seller);
            old.put("tripId", "t-1");
            old.put("lines", cart.lines());
            old.put("discounts", cart.discounts());
            old.put("vat", cart.vat());
            old.put("subtotal", cart.subtotal());
            old.put("discountTotal", cart.discountTotal());
            old.put("depositTotal", cart.depositTotal());
            old.put("total", cart.total());
            old.put("currency", cart.currency());
            Map<String, Object> payment = new LinkedHashMap<>();
            payment.put("paymentId", "p-1");
            payment.put("method", "test");
            payment.put("amount", 11087L);
            payment.put("providerRef", providerRef);
            old.put("payment", payment);
            String before = json.writeValueAsString(old);

            String now = json.writeValueAsString(new Receipt.Body(
                    "r-1",
                    sale.storeId(),
                    "Matboden Ån",
                    42,
                    "2026-11-25T10:00:00.123Z",
                    seller,
                    sale.tripId(),
                    sale.lines(),
                    sale.discounts(),
                    sale.vat(),
                    sale.subtotal(),
                    sale.discountTotal(),
                    sale.depositTotal(),
                    sale.total(),
                    sale.currency(),
                    new Receipt.Payment(sale.paymentId(), sale.method(), sale.amount(), sale.providerRef())));

            assertThat(now).isEqualTo(before);
            assertThat(before).contains("\"weightGrams\":512").contains("\"ageLimit\":18");
            assertThat(before).contains("\"providerRef\":" + (providerRef == null ? "null" : "\"swish-ref-1\""));
            assertThat(json.writeValueAsString(json.readValue(before, Receipt.Body.class)))
                    .isEqualTo(before);
        }
    }

    @Test
    void a_receipt_stored_before_receipts_were_typed_still_verifies_and_answers_the_same_bytes() {
        Api api = new Api(port);
        Store store = fixtures.store();
        String[] trip = TestFixtures.tripWith(api, store.id());
        String paymentId = "p-" + trip[0].substring(2);
        String receiptId = "r-" + trip[0].substring(2);
        Instant at = Instant.parse("2026-11-25T10:00:00.123Z");
        jdbc.sql("insert into payment (id, trip_id, store_id, idempotency_key, request_hash, method, status, amount,"
                        + " currency, cart_snapshot, created_at, updated_at) values (:id, :trip, :store, 'k', 'h',"
                        + " 'test', 'PAID', 11087, 'SEK', '{}', :at, :at)")
                .param("id", paymentId)
                .param("store", store.id())
                .param("trip", trip[0])
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        String[] stored = tx.execute(status -> {
            Journal.Ledger ledger = journal.lock(store.id());
            long number = ledger.lastReceiptNumber() + 1;
            String body = OLD_BODY.formatted(receiptId, store.id(), number, trip[0], paymentId);
            String signature = keys.sign(body);
            jdbc.sql("insert into receipt (id, store_id, number, trip_id, payment_id, issued_at, body, signature,"
                            + " key_id) values (:id, :store, :number, :trip, :payment, :at, :body, :sig, :key)")
                    .param("id", receiptId)
                    .param("store", store.id())
                    .param("number", number)
                    .param("trip", trip[0])
                    .param("payment", paymentId)
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .param("body", body)
                    .param("sig", signature)
                    .param("key", keys.keyId())
                    .update();
            journal.append(ledger, number, "RECEIPT", receiptId, Journal.sha256(body), at);
            return new String[] {body, signature};
        });
        String body = stored[0];

        JsonNode check =
                api.get("/api/v1/receipts/" + receiptId + "/verification").json();
        assertThat(check.get("valid").asBoolean()).as("%s", check).isTrue();
        assertThat(check.get("keyId").asString()).isEqualTo(keys.keyId());
        JsonNode whole = api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification")
                .as(fixtures.account(Role.HQ), TestFixtures.PASSWORD)
                .send()
                .json();
        assertThat(whole.get("valid").asBoolean()).as("%s", whole).isTrue();

        // answered as the map answered: the stored fields in their order, then the signature and the key id
        @SuppressWarnings("unchecked")
        Map<String, Object> before = new LinkedHashMap<>(json.readValue(body, Map.class));
        before.put("signature", stored[1]);
        before.put("keyId", keys.keyId());
        String expected = json.writeValueAsString(before);
        Receipt answered = receipts.forTrip(trip[0]).orElseThrow();
        assertThat(json.writeValueAsString(answered)).isEqualTo(expected);
        Api.Response shown = api.request("GET", "/api/v1/trips/" + trip[0] + "/receipt")
                .header("Authorization", "Bearer " + trip[1])
                .send();
        assertThat(shown.body()).isEqualTo(expected);
        // the body read back into the record writes the stored bytes again
        assertThat(json.writeValueAsString(json.readValue(body, Receipt.Body.class)))
                .isEqualTo(body);
        assertThat(receipts.lookUp(store.id(), receiptId)).containsExactly(answered);
    }
}
