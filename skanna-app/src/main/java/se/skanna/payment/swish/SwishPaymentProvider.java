package se.skanna.payment.swish;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import se.skanna.payment.PaymentProvider;
import se.skanna.payment.swish.SwishApi.Action;
import se.skanna.payment.swish.SwishApi.PatchOperation;
import se.skanna.payment.swish.SwishApi.PaymentRequestBody;
import se.skanna.payment.swish.SwishApi.PaymentRequestState;
import se.skanna.payment.swish.SwishApi.RefundBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swish Handel (Swish Commerce API) for m-commerce: Skanna creates a payment request for the merchant's Swish
 * number without a payer alias, the shopper's app opens Swish with the returned token, and the outcome comes by
 * callback and by asking Swish (docs/payments.md). Every call is mutual TLS with the merchant certificate (an SSL
 * bundle, {@link SwishConfiguration}), through a {@link RestClient} with the bodies as records ({@link SwishApi}).
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
    private static final MediaType JSON_PATCH = MediaType.parseMediaType("application/json-patch+json");

    private final SwishProperties properties;
    private final RestClient swish;
    /** Swish's error list, which may also come as a single object; and the app's action as JSON text. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    /** {@code swish} has Swish's base URL, the timeouts and the merchant certificate ({@link SwishConfiguration}). */
    SwishPaymentProvider(SwishProperties properties, RestClient swish) {
        this.properties = properties;
        this.swish = swish;
    }

    /** Status, the PaymentRequestToken header and the error body of a PUT or PATCH. */
    private record Answer(int status, String token, String body) {}

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
        PaymentRequestBody body = new PaymentRequestBody(
                SwishFormat.payeePaymentReference(request.paymentId()),
                properties.callbackUrl(),
                properties.payeeAlias(),
                "SEK",
                SwishFormat.amount(request.amount()),
                SwishFormat.message(properties.messagePrefix(), request.paymentId()));
        Answer answer = put(PAYMENT_REQUESTS_V2, id, body);
        int status = answer.status();
        if (status == 201) {
            if (SwishApi.present(answer.token()) == null) {
                log.warn("Swish created payment request {} without a PaymentRequestToken", id);
                return Outcome.pending(id);
            }
            log.info("Swish payment request {} created for payment {}", id, request.paymentId());
            return new Outcome(Outcome.State.PENDING, id, null, action(answer.token()));
        }
        if (refused(status)) {
            // A retried start finds its payment request already there: its state counts, not the refusal.
            Optional<PaymentRequestState> existing = find(PAYMENT_REQUESTS_V1, id, PaymentRequestState.class, false);
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
        return find(PAYMENT_REQUESTS_V1, id, PaymentRequestState.class, true)
                .map(state -> outcomeOf(request, state))
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
        Answer answer = call(
                "PATCH " + PAYMENT_REQUESTS_V1 + id,
                () -> swish.patch()
                        .uri(PAYMENT_REQUESTS_V1 + "{id}", id)
                        .contentType(JSON_PATCH)
                        .body(List.of(PatchOperation.cancel()))
                        .exchange((sent, response) ->
                                new Answer(response.getStatusCode().value(), null, null)));
        if (answer.status() == 200) {
            log.info("Swish payment request {} cancelled for payment {}", id, request.paymentId());
            return Optional.of(Outcome.cancelled(id, "Cancelled by the payer in the app."));
        }
        if (answer.status() >= 500) {
            throw new SwishUnavailableException("Swish answered " + answer.status() + " to cancelling " + id);
        }
        return Optional.of(status(request));
    }

    private Outcome outcomeOf(PaymentRequest request, PaymentRequestState state) {
        String id = SwishFormat.instructionId(request.paymentId());
        requireSamePayment(request, state);
        String detail = errorDetail(state.errorCode(), state.errorMessage());
        return switch (state.statusOrEmpty()) {
            case "PAID" -> {
                String reference = SwishApi.present(state.paymentReference());
                yield Outcome.paid(reference == null ? id : reference);
            }
            case "DECLINED" -> Outcome.declined(id, limit("The payment was declined in Swish" + detail + "."));
            case "ERROR" -> Outcome.declined(id, limit("Swish could not complete the payment" + detail + "."));
            case "CANCELLED" -> Outcome.cancelled(id, limit("The Swish payment request was cancelled" + detail + "."));
            default -> Outcome.pending(id); // CREATED: the payer has not answered yet
        };
    }

    /** What Swish reports must be the payment Skanna asked for; anything else is left PENDING for a person. */
    private static void requireSamePayment(PaymentRequest request, PaymentRequestState state) {
        BigDecimal reported = state.amount();
        if (reported != null && reported.compareTo(BigDecimal.valueOf(request.amount(), 2)) != 0) {
            throw new IllegalStateException("Swish reports amount " + reported + " for payment " + request.paymentId()
                    + " of " + SwishFormat.amount(request.amount()));
        }
        String currency = SwishApi.present(state.currency());
        if (currency != null && !currency.equals("SEK")) {
            throw new IllegalStateException(
                    "Swish reports currency " + currency + " for payment " + request.paymentId());
        }
        String reference = SwishApi.present(state.payeePaymentReference());
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
        Optional<PaymentRequestState> payment =
                find(PAYMENT_REQUESTS_V1, paymentInstruction, PaymentRequestState.class, true);
        if (payment.isEmpty() || !"PAID".equals(payment.get().statusOrEmpty())) {
            return new Refund(refundId, RefundState.FAILED, null, "The payment is not paid in Swish.");
        }
        RefundBody body = new RefundBody(
                SwishApi.present(payment.get().paymentReference()),
                properties.callbackUrl(),
                properties.payeeAlias(),
                SwishFormat.amount(amount),
                "SEK",
                SwishFormat.refundMessage(properties.messagePrefix()));
        Answer answer = put(REFUNDS_V2, refundId, body);
        int status = answer.status();
        if (status == 201) {
            log.info("Swish refund {} of {} öre created for payment {}", refundId, amount, paymentId);
            return find(REFUNDS_V1, refundId, SwishApi.RefundState.class, true)
                    .map(state -> refundOf(refundId, state))
                    .orElseGet(() -> new Refund(refundId, RefundState.PENDING, "CREATED", null));
        }
        if (refused(status)) {
            Optional<SwishApi.RefundState> existing = find(REFUNDS_V1, refundId, SwishApi.RefundState.class, false);
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
        return find(REFUNDS_V1, refundId, SwishApi.RefundState.class, true)
                .map(state -> refundOf(refundId, state))
                .orElseThrow(() -> new NoSuchElementException("Swish knows no refund " + refundId));
    }

    private static Refund refundOf(String refundId, SwishApi.RefundState answer) {
        String status = SwishApi.present(answer.status());
        RefundState state = switch (status == null ? "" : status) {
            case "PAID" -> RefundState.PAID;
            case "ERROR", "DECLINED" -> RefundState.FAILED;
            default -> RefundState.PENDING; // CREATED, VALIDATED, DEBITED: on its way
        };
        String reason = state == RefundState.FAILED
                ? limit("Swish could not pay the refund" + errorDetail(answer.errorCode(), answer.errorMessage()) + ".")
                : null;
        return new Refund(refundId, state, status, reason);
    }

    /** A 4xx that is Swish's refusal (not a timeout or a throttle, which say nothing). */
    private static boolean refused(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /**
     * GET a Swish object: present on 200, empty on 404. Other answers: with {@code strict} an exception (nothing
     * can be concluded), otherwise empty.
     */
    private <T> Optional<T> find(String collection, String id, Class<T> type, boolean strict) {
        String path = collection + id;
        return call(
                "GET " + path,
                () -> swish.get()
                        .uri(collection + "{id}", id)
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange((sent, response) -> {
                            HttpStatusCode status = response.getStatusCode();
                            if (status.value() == 200) {
                                return Optional.ofNullable(response.bodyTo(type));
                            }
                            if (status.value() == 404 || (!strict && status.is4xxClientError())) {
                                return Optional.<T>empty();
                            }
                            throw new SwishUnavailableException("Swish answered " + status.value() + " to GET " + path);
                        }));
    }

    private Answer put(String collection, String id, Object body) {
        return call(
                "PUT " + collection + id,
                () -> swish.put()
                        .uri(collection + "{id}", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(body)
                        .exchange((sent, response) -> {
                            int status = response.getStatusCode().value();
                            return new Answer(
                                    status,
                                    response.getHeaders().getFirst("PaymentRequestToken"),
                                    status >= 400 ? response.bodyTo(String.class) : null);
                        }));
    }

    /** A call to Swish; no answer, or one that cannot be read, is {@link SwishUnavailableException}. */
    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            // connection refused or reset, TLS refused, timeout; an interrupt arrives here too
            if (Thread.currentThread().isInterrupted()) {
                throw new SwishUnavailableException("Interrupted while waiting for Swish", e);
            }
            throw new SwishUnavailableException("Swish did not answer " + what + ": " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new SwishUnavailableException(
                    "Swish's answer to " + what + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The app's next step: open Swish with the token (and come back to {@code return-url} if set). */
    private String action(String token) {
        String url = "swish://paymentrequest?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        if (properties.returnUrl() != null && !properties.returnUrl().isBlank()) {
            url += "&callbackurl=" + URLEncoder.encode(properties.returnUrl(), StandardCharsets.UTF_8);
        }
        return json.writeValueAsString(new Action("swish", token, url));
    }

    /** Swish's error list ({@code [{"errorCode","errorMessage","additionalInformation"}]}) as one line. */
    private String errors(Answer answer) {
        List<String> errors = new ArrayList<>();
        if (answer.body() != null && !answer.body().isBlank()) {
            try {
                for (SwishApi.Error error : json.readValue(answer.body(), SwishApi.Error[].class)) {
                    String code = error == null ? null : SwishApi.present(error.errorCode());
                    String message = error == null ? null : SwishApi.present(error.errorMessage());
                    if (code != null || message != null) {
                        errors.add((code == null ? "" : code + " ") + (message == null ? "" : message).strip());
                    }
                }
            } catch (JacksonException e) {
                // not Swish's error JSON: the status alone must do
            }
        }
        if (errors.isEmpty()) {
            errors.add(
                    switch (answer.status()) {
                        case 401 -> "the merchant certificate was not accepted (HTTP 401)";
                        case 403 -> "the payee alias does not match the merchant certificate (HTTP 403)";
                        default -> "HTTP " + answer.status();
                    });
        }
        return String.join("; ", errors).strip();
    }

    private static String errorDetail(String errorCode, String errorMessage) {
        String code = SwishApi.present(errorCode);
        String message = SwishApi.present(errorMessage);
        if (code == null && message == null) {
            return "";
        }
        return " (" + (code == null ? "" : code + (message == null ? "" : ": ")) + (message == null ? "" : message)
                + ")";
    }

    private static String limit(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
    }
}
