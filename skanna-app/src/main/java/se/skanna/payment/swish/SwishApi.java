package se.skanna.payment.swish;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * The bodies of Swish Commerce API v2 calls that Skanna sends and reads (docs/payments.md), as records. Answers
 * ignore fields Skanna does not use (Swish adds dates, aliases and more); a blank text counts as absent.
 */
final class SwishApi {

    private SwishApi() {}

    /** {@code PUT v2/paymentrequests/{id}}: m-commerce, so no payer alias. */
    @JsonPropertyOrder({"payeePaymentReference", "callbackUrl", "payeeAlias", "currency", "amount", "message"})
    record PaymentRequestBody(
            String payeePaymentReference,
            String callbackUrl,
            String payeeAlias,
            String currency,
            String amount,
            String message) {}

    /** {@code PUT v2/refunds/{id}}: the merchant pays back, so the payer alias is the merchant's number. */
    @JsonPropertyOrder({"originalPaymentReference", "callbackUrl", "payerAlias", "amount", "currency", "message"})
    record RefundBody(
            String originalPaymentReference,
            String callbackUrl,
            String payerAlias,
            String amount,
            String currency,
            String message) {}

    /** One operation of the JSON Patch that cancels a payment request. */
    @JsonPropertyOrder({"op", "path", "value"})
    record PatchOperation(String op, String path, String value) {

        static PatchOperation cancel() {
            return new PatchOperation("replace", "/status", "cancelled");
        }
    }

    /** {@code GET v1/paymentrequests/{id}}. {@code amount} comes as a number or as its text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PaymentRequestState(
            String status,
            String paymentReference,
            String payeePaymentReference,
            BigDecimal amount,
            String currency,
            String errorCode,
            String errorMessage) {

        String statusOrEmpty() {
            return present(status) == null ? "" : status;
        }
    }

    /** {@code GET v1/refunds/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RefundState(String status, String errorCode, String errorMessage) {}

    /** One entry of Swish's error list on a 4xx ({@code [{"errorCode","errorMessage","additionalInformation"}]}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String errorCode, String errorMessage, String additionalInformation) {}

    /** What the shopper app does next: open Swish with the token ({@code Payment.action}). */
    @JsonPropertyOrder({"type", "swishToken", "swishUrl"})
    record Action(String type, String swishToken, String swishUrl) {}

    /** {@code value} unless it is null or blank. */
    static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
