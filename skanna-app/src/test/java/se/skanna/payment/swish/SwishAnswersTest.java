package se.skanna.payment.swish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import se.skanna.payment.PaymentProvider.Outcome;
import se.skanna.payment.PaymentProvider.PaymentRequest;

/**
 * How {@link SwishPaymentProvider} reads Swish's answers through its records: fields it does not use, an amount
 * as text, a single error object instead of a list, JSON that cannot be read and no answer at all.
 */
class SwishAnswersTest {

    static final String MERCHANT = "1234679304";

    HttpServer server;
    final AtomicReference<Integer> status = new AtomicReference<>(200);
    final AtomicReference<String> body = new AtomicReference<>("{}");
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean hang;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (hang) {
                    release.await(30, TimeUnit.SECONDS);
                }
                byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    SwishPaymentProvider provider() {
        SwishProperties properties = new SwishProperties(
                true,
                "http://127.0.0.1:" + server.getAddress().getPort(),
                MERCHANT,
                "https://skanna.example/api/v1/payments/swish/callback",
                null,
                "Skanna",
                "swish",
                null,
                null,
                null,
                null,
                true,
                Duration.ofSeconds(2),
                Duration.ofMillis(500));
        return new SwishPaymentProvider(
                properties, SwishConfiguration.restClient(properties, null, RestClient.builder()));
    }

    static PaymentRequest payment(long amount) {
        return new PaymentRequest("p-" + UUID.randomUUID(), "t-test", amount, "SEK", Instant.EPOCH);
    }

    @Test
    void a_paid_answer_with_fields_skanna_does_not_use_and_the_amount_as_text_is_paid() {
        body.set("{\"id\":\"X\",\"status\":\"PAID\",\"paymentReference\":\"1E2FC19E5E5E4E18916609B7F8911C12\","
                + "\"amount\":\"17.95\",\"currency\":\"SEK\",\"datePaid\":\"2026-12-01T12:00:00Z\","
                + "\"payerAlias\":\"46701234567\",\"errorCode\":\"\"}");

        Outcome outcome = provider().status(payment(1795));

        assertThat(outcome.state()).isEqualTo(Outcome.State.PAID);
        assertThat(outcome.providerRef()).isEqualTo("1E2FC19E5E5E4E18916609B7F8911C12");
    }

    @Test
    void another_amount_than_asked_for_is_not_taken_as_paid() {
        body.set("{\"status\":\"PAID\",\"amount\":1.00,\"currency\":\"SEK\"}");

        assertThatThrownBy(() -> provider().status(payment(1795)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Swish reports amount 1.0");
    }

    @Test
    void a_single_error_object_is_read_like_a_list() {
        status.set(422);
        body.set("{\"errorCode\":\"AM06\",\"errorMessage\":\"Specified transaction amount is less than agreed"
                + " minimum\",\"additionalInformation\":null}");

        Outcome outcome = provider().start(payment(50));

        assertThat(outcome.state()).isEqualTo(Outcome.State.DECLINED);
        assertThat(outcome.reason())
                .isEqualTo("Swish refused the payment: AM06 Specified transaction amount is less than agreed"
                        + " minimum.");
    }

    @Test
    void a_refusal_without_a_body_names_the_status() {
        status.set(401);
        body.set("");

        Outcome outcome = provider().start(payment(1795));

        assertThat(outcome.reason())
                .isEqualTo("Swish refused the payment: the merchant certificate was not accepted (HTTP 401).");
    }

    @Test
    void json_that_cannot_be_read_leaves_the_payment_unknown() {
        body.set("{\"status\":");

        assertThatThrownBy(() -> provider().status(payment(1795)))
                .isInstanceOf(SwishUnavailableException.class)
                .hasMessageContaining("could not be read");
    }

    @Test
    void a_server_error_leaves_the_payment_unknown() {
        status.set(503);
        body.set("");

        assertThatThrownBy(() -> provider().status(payment(1795)))
                .isInstanceOf(SwishUnavailableException.class)
                .hasMessageContaining("Swish answered 503 to GET /swish-cpcapi/api/v1/paymentrequests/");
    }

    @Test
    void no_answer_within_the_request_timeout_leaves_the_payment_unknown() {
        hang = true;

        assertThatThrownBy(() -> provider().status(payment(1795)))
                .isInstanceOf(SwishUnavailableException.class)
                .hasMessageContaining("Swish did not answer GET /swish-cpcapi/api/v1/paymentrequests/");
    }
}
