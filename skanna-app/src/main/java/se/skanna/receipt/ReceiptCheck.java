package se.skanna.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer of a receipt check: valid with the key that signed it, or not valid with the reason in words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"valid", "keyId", "reason"})
public record ReceiptCheck(boolean valid, String keyId, String reason) {

    static ReceiptCheck signedBy(String keyId) {
        return new ReceiptCheck(true, keyId, null);
    }

    static ReceiptCheck invalid(String reason) {
        return new ReceiptCheck(false, null, reason);
    }
}
