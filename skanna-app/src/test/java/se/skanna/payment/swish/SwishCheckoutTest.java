package se.skanna.payment.swish;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.Browser;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paying with Swish end to end: Skanna on a random port with Swish enabled, talking to {@link SwishSimulator};
 * the simulator plays the payer and Swish's callbacks. Runs on H2, or on PostgreSQL when SPRING_DATASOURCE_URL
 * says so.
 */
class SwishCheckoutTest {

    static final String MERCHANT = "1234679304";
    static final String CALLBACK_URL = "https://skanna.example/api/v1/payments/swish/callback";
    static final SwishSimulator SWISH = SwishSimulator.start(MERCHANT);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    @ActiveProfiles("test")
    @Import(TestFixtures.class)
    class WithSwishEnabled {

        @DynamicPropertySource
        static void swish(DynamicPropertyRegistry registry) {
            registry.add("skanna.payment.swish.enabled", () -> "true");
            registry.add("skanna.payment.swish.base-url", SWISH::baseUrl);
            registry.add("skanna.payment.swish.allow-insecure-for-tests", () -> "true");
            registry.add("skanna.payment.swish.payee-alias", () -> MERCHANT);
            registry.add("skanna.payment.swish.callback-url", () -> CALLBACK_URL);
            registry.add("skanna.payment.swish.return-url", () -> "https://skanna.example/app/betalt");
            registry.add("skanna.payment.swish.message-prefix", () -> "Matboden");
        }

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        @Autowired
        JdbcClient jdbc;

        @Autowired
        SwishPaymentProvider provider;

        Api api;
        Store store;
        String milk;
        String sweet;

        @BeforeEach
        void setUp() {
            api = new Api(port);
            SWISH.deliverCallbacksTo("http://127.0.0.1:" + port);
            store = fixtures.store();
            milk = TestFixtures.gtin();
            sweet = TestFixtures.gtin();
            fixtures.importCatalog(
                    api,
                    Map.of("products", List.of(product(milk, "Mellanmjölk", 1795), product(sweet, "Godisbit", 50))));
        }

        @Test
        void a_swish_payment_waits_for_the_payer_and_is_paid_when_swish_says_so() {
            String[] trip = tripWith(milk);

            Api.Response started = checkout(trip, key());

            assertThat(started.status()).as(started.body()).isEqualTo(200);
            JsonNode payment = started.json();
            String paymentId = payment.get("paymentId").asString();
            String instructionId = SwishFormat.instructionId(paymentId);
            assertThat(payment.get("status").asString()).isEqualTo("PENDING");
            assertThat(payment.get("method").asString()).isEqualTo("swish");
            JsonNode action = payment.get("action");
            String token = (String) SWISH.paymentRequest(instructionId).get("token");
            assertThat(action.get("type").asString()).isEqualTo("swish");
            assertThat(action.get("swishToken").asString()).isEqualTo(token);
            assertThat(action.get("swishUrl").asString())
                    .isEqualTo("swish://paymentrequest?token=" + token
                            + "&callbackurl=https%3A%2F%2Fskanna.example%2Fapp%2Fbetalt");
            JsonNode sent = JSON.readTree(lastPut(SwishSimulator.PAYMENT_REQUESTS_V2 + instructionId));
            assertThat(sent.propertyNames())
                    .containsExactly(
                            "payeePaymentReference", "callbackUrl", "payeeAlias", "currency", "amount", "message");
            assertThat(sent.get("amount").isString()).isTrue();
            assertThat(sent.get("amount").asString()).isEqualTo("17.95");
            assertThat(sent.get("currency").asString()).isEqualTo("SEK");
            assertThat(sent.get("payeeAlias").asString()).isEqualTo(MERCHANT);
            assertThat(sent.get("callbackUrl").asString()).isEqualTo(CALLBACK_URL);
            assertThat(sent.get("payeePaymentReference").asString()).isEqualTo(paymentId.replace("-", ""));
            assertThat(sent.get("message").asString()).isEqualTo("Matboden " + instructionId.substring(0, 8));
            assertThat(get(trip, "payment").json().get("status").asString()).isEqualTo("PENDING");

            SWISH.pay(instructionId);
            SwishSimulator.Delivery delivered = SWISH.callback(instructionId);

            assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
            assertThat(status(paymentId)).isEqualTo("PAID");
            JsonNode paid = get(trip, "payment").json();
            assertThat(paid.get("status").asString()).isEqualTo("PAID");
            assertThat(paid.get("action").isNull()).isTrue();
            JsonNode receipt = get(trip, "receipt").json();
            assertThat(receipt.at("/payment/method").asString()).isEqualTo("swish");
            assertThat(receipt.at("/payment/providerRef").asString())
                    .isEqualTo(SWISH.paymentRequest(instructionId).get("paymentReference"));
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        @Test
        void repeated_and_concurrent_callbacks_issue_one_receipt() throws Exception {
            String[] trip = tripWith(milk, milk);
            String instructionId = startedInstruction(trip);
            SWISH.pay(instructionId);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<SwishSimulator.Delivery>> deliveries = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    deliveries.add(pool.submit(() -> SWISH.callback(instructionId)));
                }
                for (Future<SwishSimulator.Delivery> delivery : deliveries) {
                    assertThat(delivery.get().status()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            SwishSimulator.Delivery again = SWISH.callback(instructionId);

            assertThat(again.status()).isEqualTo(200);
            assertThat(status(SwishFormat.paymentId(instructionId))).isEqualTo("PAID");
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        @Test
        void a_declined_swish_payment_fails_and_reopens_the_trip() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            SWISH.decline(instructionId, "DECLINED", null, null);
            SwishSimulator.Delivery delivered = SWISH.callback(instructionId);

            assertThat(delivered.status()).isEqualTo(200);
            JsonNode payment = get(trip, "payment").json();
            assertThat(payment.get("status").asString()).isEqualTo("FAILED");
            assertThat(payment.get("reason").asString()).contains("declined in Swish");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("OPEN");
            assertThat(receipts(trip[0])).isZero();
            Api.Response again = checkout(trip, key());
            assertThat(again.json().get("status").asString()).isEqualTo("PENDING");
            finish(SwishFormat.instructionId(again.json().get("paymentId").asString()));
        }

        @Test
        void a_payment_request_cancelled_in_swish_is_cancelled_and_reopens_the_trip() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            SWISH.decline(instructionId, "CANCELLED", null, null);
            SWISH.callback(instructionId);

            JsonNode payment = get(trip, "payment").json();
            assertThat(payment.get("status").asString()).isEqualTo("CANCELLED");
            assertThat(payment.get("reason").asString()).contains("cancelled");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("OPEN");
            assertThat(receipts(trip[0])).isZero();
        }

        @Test
        void swish_errors_such_as_a_bankid_cancel_fail_the_payment_with_the_code() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            SWISH.decline(instructionId, "ERROR", "BANKIDCL", "Payer cancelled BankId signing");
            SWISH.callback(instructionId);

            JsonNode payment = get(trip, "payment").json();
            assertThat(payment.get("status").asString()).isEqualTo("FAILED");
            assertThat(payment.get("reason").asString()).contains("BANKIDCL").contains("cancelled BankId");
        }

        @Test
        void a_lost_callback_is_made_good_by_recovery_polling() {
            String[] trip = tripWith(milk);
            String paymentId = SwishFormat.paymentId(startedInstruction(trip));

            SWISH.pay(SwishFormat.instructionId(paymentId)); // and Swish's callback never arrives

            // the database, not GET …/payment, which would ask Swish itself
            assertThat(eventually(() -> status(paymentId), "PAID")).isEqualTo("PAID");
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        @Test
        void a_forged_callback_claiming_paid_changes_nothing_while_swish_says_created() throws Exception {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            SwishSimulator.Delivery forged = SWISH.callback(
                    instructionId, Map.of("status", "PAID", "paymentReference", "FORGED0000000000000000000000000"));
            Thread.sleep(1500); // three recovery rounds ask Swish too

            assertThat(forged.status()).isEqualTo(200);
            assertThat(status(SwishFormat.paymentId(instructionId))).isEqualTo("PENDING");
            assertThat(receipts(trip[0])).isZero();
            finish(instructionId);
        }

        @Test
        void a_late_declined_callback_after_paid_changes_nothing() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);
            SWISH.pay(instructionId);
            SWISH.callback(instructionId);

            SwishSimulator.Delivery stale =
                    SWISH.callback(instructionId, Map.of("status", "DECLINED", "paymentReference", "", "datePaid", ""));
            SWISH.decline(instructionId, "ERROR", "TM01", "Swish timed out"); // even if Swish said so later
            SwishSimulator.Delivery late = SWISH.callback(instructionId);

            assertThat(stale.status()).isEqualTo(200);
            assertThat(late.status()).isEqualTo(200);
            assertThat(status(SwishFormat.paymentId(instructionId))).isEqualTo("PAID");
            assertThat(get(trip, "payment").json().get("status").asString()).isEqualTo("PAID");
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        @Test
        void callbacks_for_unknown_or_malformed_ids_are_refused() {
            String[] testPaid = tripWith(milk);
            String testPaymentId = api.request("POST", "/api/v1/trips/" + testPaid[0] + "/checkout")
                    .header("Authorization", "Bearer " + testPaid[1])
                    .header("Idempotency-Key", key())
                    .json(Map.of("method", "test"))
                    .send()
                    .json()
                    .get("paymentId")
                    .asString();

            SwishSimulator.Delivery unknown = SWISH.deliver(
                    CALLBACK_URL, "{\"id\":\"" + SwishFormat.instructionId("p-" + UUID.randomUUID()) + "\"}");
            SwishSimulator.Delivery notSwish = SWISH.deliver(
                    CALLBACK_URL, "{\"id\":\"" + SwishFormat.instructionId(testPaymentId) + "\",\"status\":\"PAID\"}");
            SwishSimulator.Delivery notJson = SWISH.deliver(CALLBACK_URL, "status=PAID");
            SwishSimulator.Delivery badId = SWISH.deliver(CALLBACK_URL, "{\"id\":\"p-1\",\"status\":\"PAID\"}");
            SwishSimulator.Delivery noId = SWISH.deliver(CALLBACK_URL, "{\"status\":\"PAID\"}");

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(unknown.body()).get("code").asString()).isEqualTo("payment_not_found");
            assertThat(notSwish.status()).isEqualTo(404);
            for (SwishSimulator.Delivery malformed : List.of(notJson, badId, noId)) {
                assertThat(malformed.status()).as(malformed.body()).isEqualTo(400);
                assertThat(malformed.contentType()).startsWith("application/problem+json");
                assertThat(JSON.readTree(malformed.body()).get("code").asString())
                        .isEqualTo("malformed_request");
            }
        }

        @Test
        void a_payment_request_swish_refuses_is_declined_with_swish_error_codes() {
            String[] trip = tripWith(sweet); // 0.50 kr: under Swish's minimum of 1 kr

            Api.Response refused = checkout(trip, key());

            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.json().get("status").asString()).isEqualTo("FAILED");
            assertThat(refused.json().get("reason").asString())
                    .startsWith("Swish refused the payment: AM06")
                    .contains("less than agreed minimum");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("OPEN");
        }

        @Test
        void when_swish_is_down_the_payment_stays_pending_and_the_same_key_starts_it_again() {
            String[] trip = tripWith(milk);
            String key = key();
            SWISH.failNextPut(503, false);

            Api.Response first = checkout(trip, key);
            Api.Response retried = checkout(trip, key);

            assertThat(first.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(first.json().get("action").isNull()).isTrue();
            assertThat(retried.json().get("paymentId").asString())
                    .isEqualTo(first.json().get("paymentId").asString());
            assertThat(retried.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(retried.json().at("/action/swishToken").asString()).isNotBlank();
            finish(SwishFormat.instructionId(first.json().get("paymentId").asString()));
        }

        @Test
        void while_swish_cannot_be_asked_the_shopper_still_sees_the_pending_payment() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            SWISH.down(true);
            Api.Response asked;
            SwishSimulator.Delivery callback;
            try {
                asked = get(trip, "payment");
                SWISH.pay(instructionId);
                callback = SWISH.callback(instructionId);
            } finally {
                SWISH.down(false);
            }

            assertThat(asked.status()).as(asked.body()).isEqualTo(200);
            assertThat(asked.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(asked.json().at("/action/swishToken").asString()).isNotBlank();
            assertThat(callback.status()).isEqualTo(200); // taken; verified later by polling
            assertThat(eventually(() -> status(SwishFormat.paymentId(instructionId)), "PAID"))
                    .isEqualTo("PAID");
        }

        @Test
        void a_start_whose_answer_was_lost_is_not_declined_when_started_again() {
            String[] trip = tripWith(milk);
            String key = key();
            SWISH.failNextPut(500, true); // Swish made the payment request, but its answer never came

            Api.Response first = checkout(trip, key);
            Api.Response retried = checkout(trip, key); // Swish now refuses the same instruction id again

            assertThat(first.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(retried.json().get("status").asString()).isEqualTo("PENDING");
            String instructionId =
                    SwishFormat.instructionId(first.json().get("paymentId").asString());
            SWISH.pay(instructionId);
            SWISH.callback(instructionId);
            assertThat(get(trip, "payment").json().get("status").asString()).isEqualTo("PAID");
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        @Test
        void a_refund_pays_back_once_per_refund_key_and_never_more_than_was_paid() {
            String[] trip = tripWith(milk, milk); // 35.90 kr
            String instructionId = startedInstruction(trip);
            String paymentId = SwishFormat.paymentId(instructionId);
            SWISH.pay(instructionId);
            SWISH.callback(instructionId);

            SwishPaymentProvider.Refund refund = provider.refund(paymentId, 1795, "return-1");
            SwishPaymentProvider.Refund again = provider.refund(paymentId, 1795, "return-1");
            SwishPaymentProvider.Refund tooMuch = provider.refund(paymentId, 2000, "return-2");

            assertThat(refund.state()).isEqualTo(SwishPaymentProvider.RefundState.PENDING);
            assertThat(again.refundId()).isEqualTo(refund.refundId());
            assertThat(again.state()).isEqualTo(SwishPaymentProvider.RefundState.PENDING);
            assertThat(SWISH.refundCount()).isGreaterThanOrEqualTo(1);
            assertThat(SWISH.refund(refund.refundId())).isNotNull();
            JsonNode sent = JSON.readTree(lastPut(SwishSimulator.REFUNDS_V2 + refund.refundId()));
            assertThat(sent.propertyNames())
                    .containsExactly(
                            "originalPaymentReference", "callbackUrl", "payerAlias", "amount", "currency", "message");
            assertThat(sent.get("originalPaymentReference").asString())
                    .isEqualTo(SWISH.paymentRequest(instructionId).get("paymentReference"));
            assertThat(sent.get("payerAlias").asString()).isEqualTo(MERCHANT);
            assertThat(sent.get("amount").asString()).isEqualTo("17.95");
            assertThat(sent.get("message").asString()).isEqualTo("Matboden återbetalning");
            assertThat(SWISH.calls().stream()
                            .filter(call -> call.method().equals("PUT")
                                    && call.path().equals(SwishSimulator.REFUNDS_V2 + refund.refundId()))
                            .count())
                    .isEqualTo(2);
            assertThat(tooMuch.state()).isEqualTo(SwishPaymentProvider.RefundState.FAILED);
            assertThat(tooMuch.reason()).contains("AM02");

            SWISH.completeRefund(refund.refundId());
            assertThat(provider.refundStatus(refund.refundId()).state())
                    .isEqualTo(SwishPaymentProvider.RefundState.PAID);
            assertThat(status(paymentId)).isEqualTo("PAID");
        }

        @Test
        void a_refund_through_the_api_stays_pending_until_swish_has_paid_it_and_is_then_journalled() {
            String[] trip = tripWith(milk, milk);
            String instructionId = startedInstruction(trip);
            String paymentId = SwishFormat.paymentId(instructionId);
            SWISH.pay(instructionId);
            SWISH.callback(instructionId);
            String manager = fixtures.account(Role.MANAGER, store.id());

            Api.Response started = api.request("POST", "/api/v1/payments/" + paymentId + "/refunds")
                    .as(manager, TestFixtures.PASSWORD)
                    .header("Idempotency-Key", key())
                    .json(Map.of("amount", 1795, "reason", "Returnerad vara"))
                    .send();

            assertThat(started.status()).as(started.body()).isEqualTo(200);
            assertThat(started.json().get("status").asString()).isEqualTo("PENDING");
            String refundId = started.json().get("refundId").asString();
            String swishRefundId = SwishFormat.refundInstructionId(paymentId, refundId);
            assertThat(SWISH.refund(swishRefundId)).isNotNull();
            assertThat(journalEntries(refundId)).isZero();

            SWISH.completeRefund(swishRefundId);
            Api.Response listed = api.request("GET", "/api/v1/payments/" + paymentId + "/refunds")
                    .as(manager, TestFixtures.PASSWORD)
                    .send();

            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().get(0).get("status").asString()).isEqualTo("REFUNDED");
            assertThat(journalEntries(refundId)).isEqualTo(1);
        }

        @Test
        void a_refund_swish_has_paid_is_settled_within_seconds_behind_many_still_waiting() throws InterruptedException {
            // 7 × 17,95 kr: room for 121 refunds of 1 kr, the smallest Swish pays back
            String[] trip = tripWith(milk, milk, milk, milk, milk, milk, milk);
            String instructionId = startedInstruction(trip);
            String paymentId = SwishFormat.paymentId(instructionId);
            SWISH.pay(instructionId);
            SWISH.callback(instructionId);
            String manager = fixtures.account(Role.MANAGER, store.id());
            for (int i = 0; i < 120; i++) {
                assertThat(refund(paymentId, manager, 100).get("status").asString())
                        .isEqualTo("PENDING");
            }

            String refundId = refund(paymentId, manager, 100).get("refundId").asString();
            SWISH.completeRefund(SwishFormat.refundInstructionId(paymentId, refundId)); // its callback lost

            long until = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
            while (!"REFUNDED".equals(refundStatus(refundId)) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(refundStatus(refundId))
                    .as("recovery looks at every pending refund, not only the 100 oldest")
                    .isEqualTo("REFUNDED");
        }

        JsonNode refund(String paymentId, String manager, long amount) {
            Api.Response started = api.request("POST", "/api/v1/payments/" + paymentId + "/refunds")
                    .as(manager, TestFixtures.PASSWORD)
                    .header("Idempotency-Key", key())
                    .json(Map.of("amount", amount, "reason", "Prisjustering"))
                    .send();
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            return started.json();
        }

        /** Straight from the database: listing refunds through the API would ask Swish itself. */
        String refundStatus(String refundId) {
            return jdbc.sql("select status from refund where id = :id")
                    .param("id", refundId)
                    .query(String.class)
                    .single();
        }

        long journalEntries(String reference) {
            return jdbc.sql("select count(*) from journal_entry where reference = :r and entry_type = 'REFUND'")
                    .param("r", reference)
                    .query(Long.class)
                    .single();
        }

        @Test
        void refund_callbacks_are_acknowledged() {
            SwishSimulator.Delivery delivered = SWISH.deliver(
                    CALLBACK_URL,
                    "{\"id\":\"" + SwishFormat.refundInstructionId("p-" + UUID.randomUUID(), "x")
                            + "\",\"originalPaymentReference\":\"ABC\",\"status\":\"PAID\"}");

            assertThat(delivered.status()).isEqualTo(200);
        }

        // ---- helpers

        static Map<String, Object> product(String gtin, String name, long price) {
            Map<String, Object> product = new HashMap<>();
            product.put("gtin", gtin);
            product.put("name", name);
            product.put("unit", "EACH");
            product.put("vatClass", "FOOD");
            product.put("price", price);
            return product;
        }

        @Test
        void the_shopper_calls_a_pending_swish_payment_off_at_swish_and_can_pay_again() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);

            Api.Response cancelled = api.request("POST", "/api/v1/trips/" + trip[0] + "/payment/cancel")
                    .header("Authorization", "Bearer " + trip[1])
                    .send();

            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(SWISH.paymentRequest(instructionId).get("status")).isEqualTo("CANCELLED");
            assertThat(SWISH.calls().stream()
                            .filter(call ->
                                    call.method().equals("PATCH") && call.path().endsWith(instructionId))
                            .map(SwishSimulator.Call::contentType))
                    .containsExactly("application/json-patch+json");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("OPEN");
            assertThat(startedInstruction(trip)).as("a new attempt").isNotEqualTo(instructionId);
        }

        @Test
        void a_swish_payment_the_payer_has_paid_cannot_be_called_off_and_stays_paid() {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);
            SWISH.pay(instructionId);

            Api.Response cancelled = api.request("POST", "/api/v1/trips/" + trip[0] + "/payment/cancel")
                    .header("Authorization", "Bearer " + trip[1])
                    .send();

            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().get("status").asString()).isEqualTo("PAID");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("PAID");
        }

        @Test
        void a_payment_abandoned_past_the_pending_timeout_is_called_off_at_swish_so_it_cannot_be_paid_later()
                throws InterruptedException {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);
            String paymentId = paymentIdOf(trip);

            makeAbandoned(paymentId);

            assertThat(awaitSettled(paymentId)).isEqualTo("CANCELLED");
            assertThat(SWISH.paymentRequest(instructionId).get("status"))
                    .as("called off at Swish: the payer can no longer pay it")
                    .isEqualTo("CANCELLED");
            assertThat(get(trip, "payment").json().get("reason").asString()).contains("Not paid within");
            assertThat(get(trip, "").json().get("status").asString()).isEqualTo("OPEN");
            assertThat(receipts(trip[0])).isZero();
        }

        @Test
        void an_abandoned_payment_the_payer_paid_at_the_last_moment_is_paid_not_called_off()
                throws InterruptedException {
            String[] trip = tripWith(milk);
            String instructionId = startedInstruction(trip);
            String paymentId = paymentIdOf(trip);
            SWISH.pay(instructionId); // paid in Swish, the callback lost

            makeAbandoned(paymentId);

            assertThat(awaitSettled(paymentId)).isEqualTo("PAID");
            assertThat(receipts(trip[0])).isEqualTo(1);
        }

        String paymentIdOf(String[] trip) {
            return get(trip, "payment").json().get("paymentId").asString();
        }

        /** As if the payment had been waiting for 11 minutes, one past the pending timeout, and was due a look. */
        void makeAbandoned(String paymentId) {
            java.time.OffsetDateTime then =
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(11);
            jdbc.sql("update payment set created_at = :then, next_check_at = :then where id = :id")
                    .param("then", then)
                    .param("id", paymentId)
                    .update();
        }

        /** Waits for recovery (every 500 ms in tests) to settle the payment: straight from the database. */
        String awaitSettled(String paymentId) throws InterruptedException {
            long until = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
            while ("PENDING".equals(status(paymentId)) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            return status(paymentId);
        }

        static String key() {
            return "key-" + UUID.randomUUID();
        }

        String[] tripWith(String... codes) {
            return TestFixtures.tripWith(api, store.id(), codes);
        }

        Api.Response checkout(String[] trip, String key) {
            return api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                    .header("Authorization", "Bearer " + trip[1])
                    .header("Idempotency-Key", key)
                    .json(Map.of("method", "swish"))
                    .send();
        }

        /** Starts a Swish payment for the trip; its instruction id. */
        String startedInstruction(String[] trip) {
            Api.Response started = checkout(trip, key());
            assertThat(started.json().get("status").asString())
                    .as(started.body())
                    .isEqualTo("PENDING");
            return SwishFormat.instructionId(started.json().get("paymentId").asString());
        }

        Api.Response get(String[] trip, String what) {
            return api.request("GET", "/api/v1/trips/" + trip[0] + (what.isEmpty() ? "" : "/" + what))
                    .header("Authorization", "Bearer " + trip[1])
                    .send();
        }

        String status(String paymentId) {
            return jdbc.sql("select status from payment where id = :id")
                    .param("id", paymentId)
                    .query(String.class)
                    .single();
        }

        long receipts(String tripId) {
            return jdbc.sql("select count(*) from receipt where trip_id = :t")
                    .param("t", tripId)
                    .query(Long.class)
                    .single();
        }

        String lastPut(String path) {
            return SWISH.calls().stream()
                    .filter(call -> call.method().equals("PUT") && call.path().equals(path))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("Skanna never called PUT " + path))
                    .body();
        }

        @Test
        void the_shopper_app_offers_swish_first_opens_swish_and_shows_the_receipt_when_swish_says_paid() {
            Browser.assumeInstalled();
            try (Browser browser = Browser.start()) {
                browser.driver().manage().window().setSize(new Dimension(430, 1000));
                String app = "http://localhost:" + port + "/s/" + store.id();
                browser.open(app);
                browser.waitUntil(
                        Duration.ofSeconds(10),
                        "the app never got ready",
                        d -> "ready".equals(browser.find("#app").getDomAttribute("data-state")));
                browser.find("#code").sendKeys(milk, Keys.ENTER);
                browser.eventually(Duration.ofSeconds(10), "no Swish button for the cart", () -> {
                    assertThat(browser.find("#checkout").getText()).isEqualTo("Betala 17,95 kr med Swish");
                    assertThat(browser.find("#checkout").isEnabled()).isTrue();
                    assertThat(browser.find("#checkout-test").getText()).isEqualTo("Betala 17,95 kr (testbetalning)");
                });

                browser.find("#checkout").click();
                browser.eventually(Duration.ofSeconds(10), "the app did not send the shopper to Swish", () -> {
                    assertThat(browser.find("#swish").isDisplayed()).isTrue();
                    assertThat(browser.find("#checkout-state").getText()).isEqualTo("Väntar på Swish…");
                });
                String instructionId = SWISH.calls().stream()
                        .filter(call -> call.method().equals("PUT")
                                && call.path().startsWith(SwishSimulator.PAYMENT_REQUESTS_V2))
                        .reduce((first, second) -> second)
                        .orElseThrow()
                        .path()
                        .substring(SwishSimulator.PAYMENT_REQUESTS_V2.length());
                String token = (String) SWISH.paymentRequest(instructionId).get("token");
                assertThat(browser.find("#swish-open").getDomAttribute("href"))
                        .isEqualTo("swish://paymentrequest?token=" + token + "&callbackurl="
                                + URLEncoder.encode(app, StandardCharsets.UTF_8));
                assertThat(browser.find("#checkout").isEnabled()).isFalse();
                browser.screenshot("shopper-10-swish");

                SWISH.pay(instructionId);
                assertThat(SWISH.callback(instructionId).status()).isEqualTo(200);
                browser.eventually(Duration.ofSeconds(15), "no receipt after Swish said PAID", () -> {
                    assertThat(browser.find("#receipt").isDisplayed()).isTrue();
                    assertThat(browser.find("#receipt-total").getText()).isEqualTo("17,95 kr");
                    assertThat(browser.find("#swish").isDisplayed()).isFalse();
                    assertThat(browser.findAll("#exit-qr svg rect").size()).isGreaterThan(50);
                });
            }
        }

        /** Ends a payment left PENDING, so no test leaves work for the recovery of later ones. */
        void finish(String instructionId) {
            SWISH.decline(instructionId, "CANCELLED", null, null);
            SWISH.callback(instructionId);
        }

        static String eventually(Supplier<String> value, String expected) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            String current = value.get();
            while (!expected.equals(current) && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                current = value.get();
            }
            return current;
        }
    }
}
