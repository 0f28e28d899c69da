package se.skanna.gs1;

import java.io.Serial;

/**
 * A code Skanna cannot read. The message explains why in words a shopper or developer understands; the
 * reason is stable for programs.
 */
public final class BarcodeException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public BarcodeException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why a code was rejected. */
    public enum Reason {
        EMPTY,
        INVALID_CHARACTERS,
        UNSUPPORTED_LENGTH,
        BAD_CHECK_DIGIT,
        BAD_PRICE_CHECK_DIGIT,
        BAD_UPC_E,
        UNKNOWN_APPLICATION_IDENTIFIER,
        BAD_APPLICATION_IDENTIFIER_VALUE,
        MISSING_SEPARATOR,
        BAD_DIGITAL_LINK
    }
}
