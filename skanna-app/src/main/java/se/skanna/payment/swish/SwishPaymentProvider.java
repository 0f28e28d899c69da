package se.skanna.payment.swish;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.skanna.payment.PaymentProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swish Handel (Swish Commerce API) for m-commerce: Skanna creates a payment request for the merchant's Swish
 * number without a payer alias, the shopper's app opens Swish with the returned token, and the outcome comes by
 * callback and by asking Swish (docs/payments.md). Every call is mutual TLS with the merchant certificate.
 *
 * <p>The instruction id is derived from the payment id, so starting a payment twice names the same payment request
 * and a callback or a status names its payment. Swish's answers map to outcomes: 201 → PENDING with the token as
 * the app's {@code action}; 4xx → DECLINED with Swish's error codes (unless the payment request already exists,
 * e.g. on a retried start); 5xx, timeouts → an exception, so the payment stays PENDING and is polled.
 */
public final class SwishPaymentProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SwishPaymentProvider.class);

    static final String PAYMENT_REQUESTS_V2 = "/swish-cpcapi/api/v2/paymentrequests/";
    static final String PAYMENT_REQUESTS_V1 = "/swish-cpcapi/api/v1/paymentrequests/";
    static final String REFUNDS_V2 = "/swish-cpcapi/api/v2/refunds/";
    static final String REFUNDS_V1 = "/swish-cpcapi/api/v1/refunds/";
    private static final int REASON_LENGTH = 200;

    private final SwishProperties properties;
    private final HttpClient http;
    private final String base;
    private final JsonMapper json = JsonMapper.builder().build();

    SwishPaymentProvider(SwishProperties properties, HttpClient http) {
        this.properties = properties;
        this.http = http;
        this.base = properties.baseUrl().replaceAll("/+$", "");
    }

    @Override
    public String method() {
        return "swish";
    }

    @Override
    public Outcome start(PaymentRequest request) {
        String id = SwishFormat.instructionId(request.paymentId());
        if (!"SEK".equals(request.currency())) {
            return Outcome.declined(id, "Swish takes Swedish kronor (SEK) only.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payeePaymentReference", SwishFormat.payeePaymentReference(request.paymentId()));
        body.put("callbackUrl", properties.callbackUrl());
        body.put("payeeAlias", properties.payeeAlias());
        body.put("currency", "SEK");
        body.put("amount", SwishFormat.amount(request.amount()));
        body.put("message", SwishFormat.message(properties.messagePrefix(), request.paymentId()));
        HttpResponse<String> answer = send(put(PAYMENT_REQUESTS_V2 + id, body));
        int status = answer.statusCode();
        if (status == 201) {
            Optional<String> token = answer.headers().firstValue("PaymentRequestToken");
            if (token.isEmpty() || token.get().isBlank()) {
                log.warn("Swish created payment request {} without a PaymentRequestToken", id);
                return Outcome.pending(id);
            }
            log.info("Swish payment request {} created for payment {}", id, request.paymentId());
            return new Outcome(Outcome.State.PENDING, id, null, action(token.get()));
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            // A retried start finds its payment request already there: its state counts, not the refusal.
            Optional<JsonNode> existing = find(PAYMENT_REQUESTS_V1 + id, false);
            if (existing.isPresent()) {
                return outcomeOf(request, existing.get());
            }
            String reason = "Swish refused the payment: " + errors(answer) + ".";
            log.warn("Swish refused payment request {} ({}): {}", id, status, reason);
            return Outcome.declined(id, limit(reason));
        }
        throw new SwishUnavailableException("Swish answered " + status + " to payment request " + id);
    }

    /** Asks Swish how the payment request stands; never trusts anything else (callbacks only trigger this). */
    @Override
    public Outcome status(PaymentRequest request) {
        String id = SwishFormat.instructionId(request.paymentId());
        return find(PAYMENT_REQUESTS_V1 + id, true)
                .map(node -> outcomeOf(request, node))
                // not (yet) at Swish, e.g. its creation timed out before reaching it: nobody can pay it
                .orElseGet(() -> Outcome.pending(id));
    }

    /**
     * Swish's "cancel payment request": PATCH of its status to cancelled (JSON Patch), possible while the payer
     * has not paid. Any other answer (paid meanwhile, unknown, refused) is settled by asking how it stands.
     */
    @Override
    public Optional<Outcome> cancel(PaymentRequest request) {
        String id = SwishFormat.instructionId(request.paymentId());
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(PAYMENT_REQUESTS_V1 + id))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json-patch+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"cancelled\"}]",
                                StandardCharsets.UTF_8))
                .build());
        if (answer.statusCode() == 200) {
            log.info("Swish payment request {} cancelled for payment {}", id, request.paymentId());
            return Optional.of(Outcome.cancelled(id, "Cancelled by the payer in the app."));
        }
        if (answer.statusCode() >= 500) {
            throw new SwishUnavailableException("Swish answered " + answer.statusCode() + " to cancelling " + id);
        }
        return Optional.of(status(request));
    }

    private Outcome outcomeOf(PaymentRequest request, JsonNode node) {
        String id = SwishFormat.instructionId(request.paymentId());
        requireSamePayment(request, node);
        String status = text(node, "status");
        String detail = errorDetail(node);
        return switch (status == null ? "" : status) {
            case "PAID" -> {
                String reference = text(node, "paymentReference");
                yield Outcome.paid(reference == null ? id : reference);
            }
            case "DECLINED" -> Outcome.declined(id, limit("The payment was declined in Swish" + detail + "."));
            case "ERROR" -> Outcome.declined(id, limit("Swish could not complete the payment" + detail + "."));
            case "CANCELLED" -> Outcome.cancelled(id, limit("The Swish payment request was cancelled" + detail + "."));
            default -> Outcome.pending(id); // CREATED: the payer has not answered yet
        };
    }

    /** What Swish reports must be the payment Skanna asked for; anything else is left PENDING for a person. */
    private static void requireSamePayment(PaymentRequest request, JsonNode node) {
        JsonNode amount = node.get("amount");
        if (amount != null && !amount.isNull()) {
            BigDecimal reported = amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asString());
            if (reported.compareTo(BigDecimal.valueOf(request.amount(), 2)) != 0) {
                throw new IllegalStateException("Swish reports amount " + reported + " for payment "
                        + request.paymentId() + " of " + SwishFormat.amount(request.amount()));
            }
        }
        String currency = text(node, "currency");
        if (currency != null && !currency.equals("SEK")) {
            throw new IllegalStateException(
                    "Swish reports currency " + currency + " for payment " + request.paymentId());
        }
        String reference = text(node, "payeePaymentReference");
        if (reference != null && !reference.equals(SwishFormat.payeePaymentReference(request.paymentId()))) {
            throw new IllegalStateException(
                    "Swish reports reference " + reference + " for payment " + request.paymentId());
        }
    }

    /** A refund's state at Swish. */
    public enum RefundState {
        PENDING,
        PAID,
        FAILED
    }

    /** {@code swishStatus} is Swish's own word (CREATED, VALIDATED, DEBITED, PAID, ERROR), when known. */
    public record Refund(String refundId, RefundState state, String swishStatus, String reason) {}

    /**
     * Pays {@code amount} öre of a paid Swish payment back to the payer. The same {@code refundKey} for the same
     * payment always names the same refund at Swish, so a retried call never pays out twice.
     */
    public Refund refund(String paymentId, long amount, String refundKey) {
        String paymentInstruction = SwishFormat.instructionId(paymentId);
        String refundId = SwishFormat.refundInstructionId(paymentId, refundKey);
        Optional<JsonNode> payment = find(PAYMENT_REQUESTS_V1 + paymentInstruction, true);
        if (payment.isEmpty() || !"PAID".equals(text(payment.get(), "status"))) {
            return new Refund(refundId, RefundState.FAILED, null, "The payment is not paid in Swish.");
        }
        String originalPaymentReference = text(payment.get(), "paymentReference");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("originalPaymentReference", originalPaymentReference);
        body.put("callbackUrl", properties.callbackUrl());
        body.put("payerAlias", properties.payeeAlias());
        body.put("amount", SwishFormat.amount(amount));
        body.put("currency", "SEK");
        body.put("message", SwishFormat.refundMessage(properties.messagePrefix()));
        HttpResponse<String> answer = send(put(REFUNDS_V2 + refundId, body));
        int status = answer.statusCode();
        if (status == 201) {
            log.info("Swish refund {} of {} öre created for payment {}", refundId, amount, paymentId);
            return find(REFUNDS_V1 + refundId, true)
                    .map(node -> refundOf(refundId, node))
                    .orElseGet(() -> new Refund(refundId, RefundState.PENDING, "CREATED", null));
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            Optional<JsonNode> existing = find(REFUNDS_V1 + refundId, false);
            if (existing.isPresent()) {
                return refundOf(refundId, existing.get());
            }
            return new Refund(
                    refundId, RefundState.FAILED, null, limit("Swish refused the refund: " + errors(answer) + "."));
        }
        throw new SwishUnavailableException("Swish answered " + status + " to refund " + refundId);
    }

    /** The port's refund: {@link #refund(String, long, String)} with the refund id as the refund key. */
    @Override
    public Outcome refund(RefundRequest request) {
        return outcomeOf(refund(request.paymentId(), request.amount(), request.refundId()));
    }

    /** The port's refund status: asks Swish about the refund instruction that {@link #refund(RefundRequest)} made. */
    @Override
    public Outcome refundStatus(RefundRequest request) {
        return outcomeOf(refundStatus(SwishFormat.refundInstructionId(request.paymentId(), request.refundId())));
    }

    private static Outcome outcomeOf(Refund refund) {
        return switch (refund.state()) {
            case PAID -> Outcome.paid(refund.refundId());
            case FAILED -> Outcome.declined(refund.refundId(), refund.reason());
            case PENDING -> Outcome.pending(refund.refundId());
        };
    }

    /** How a refund made by {@link #refund} stands now. */
    public Refund refundStatus(String refundId) {
        if (!SwishFormat.isInstructionId(refundId)) {
            throw new IllegalArgumentException("Not a Swish refund id: " + refundId);
        }
        return find(REFUNDS_V1 + refundId, true)
                .map(node -> refundOf(refundId, node))
                .orElseThrow(() -> new NoSuchElementException("Swish knows no refund " + refundId));
    }

    private static Refund refundOf(String refundId, JsonNode node) {
        String status = text(node, "status");
        RefundState state = switch (status == null ? "" : status) {
            case "PAID" -> RefundState.PAID;
            case "ERROR", "DECLINED" -> RefundState.FAILED;
            default -> RefundState.PENDING; // CREATED, VALIDATED, DEBITED: on its way
        };
        String reason =
                state == RefundState.FAILED ? limit("Swish could not pay the refund" + errorDetail(node) + ".") : null;
        return new Refund(refundId, state, status, reason);
    }

    /**
     * GET a Swish object: present on 200, empty on 404. Other answers: with {@code strict} an exception (nothing
     * can be concluded), otherwise empty.
     */
    private Optional<JsonNode> find(String path, boolean strict) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(path))
                .timeout(properties.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build());
        int status = answer.statusCode();
        if (status == 200) {
            try {
                return Optional.of(json.readTree(answer.body()));
            } catch (JacksonException e) {
                throw new SwishUnavailableException("Swish answered GET " + path + " with unreadable JSON", e);
            }
        }
        if (status == 404 || (!strict && status >= 400 && status < 500)) {
            return Optional.empty();
        }
        throw new SwishUnavailableException("Swish answered " + status + " to GET " + path);
    }

    private HttpRequest put(String path, Map<String, Object> body) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SwishUnavailableException(
                    "Swish did not answer " + request.method() + " "
                            + request.uri().getPath() + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwishUnavailableException("Interrupted while waiting for Swish", e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    /** The app's next step: open Swish with the token (and come back to {@code return-url} if set). */
    private String action(String token) {
        String url = "swish://paymentrequest?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        if (properties.returnUrl() != null && !properties.returnUrl().isBlank()) {
            url += "&callbackurl=" + URLEncoder.encode(properties.returnUrl(), StandardCharsets.UTF_8);
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "swish");
        action.put("swishToken", token);
        action.put("swishUrl", url);
        return json.writeValueAsString(action);
    }

    /** Swish's error list ({@code [{"errorCode","errorMessage","additionalInformation"}]}) as one line. */
    private String errors(HttpResponse<String> answer) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode body = answer.body() == null || answer.body().isBlank() ? null : json.readTree(answer.body());
            if (body != null) {
                for (JsonNode error : body.isArray() ? body : List.of(body)) {
                    String code = text(error, "errorCode");
                    String message = text(error, "errorMessage");
                    if (code != null || message != null) {
                        errors.add((code == null ? "" : code + " ") + (message == null ? "" : message).strip());
                    }
                }
            }
        } catch (JacksonException e) {
            // not JSON: the status alone must do
        }
        if (errors.isEmpty()) {
            errors.add(
                    switch (answer.statusCode()) {
                        case 401 -> "the merchant certificate was not accepted (HTTP 401)";
                        case 403 -> "the payee alias does not match the merchant certificate (HTTP 403)";
                        default -> "HTTP " + answer.statusCode();
                    });
        }
        return String.join("; ", errors).strip();
    }

    private static String errorDetail(JsonNode node) {
        String code = text(node, "errorCode");
        String message = text(node, "errorMessage");
        if (code == null && message == null) {
            return "";
        }
        return " (" + (code == null ? "" : code + (message == null ? "" : ": ")) + (message == null ? "" : message)
                + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isString() || value.stringValue().isBlank() ? null : value.stringValue();
    }

    private static String limit(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }
}
