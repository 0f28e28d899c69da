package se.skanna.payment.swish;

/**
 * Swish did not answer usefully (timeout, connection failure, 5xx, an unexpected status): nothing is known, so
 * the payment stays PENDING and is asked about again.
 */
final class SwishUnavailableException extends RuntimeException {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    SwishUnavailableException(String message) {
        super(message);
    }

    SwishUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
