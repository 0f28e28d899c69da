package se.skanna.shared;

/**
 * Every error code a client can see in a problem+json answer. Codes are stable: clients branch on them,
 * so a code is never renamed, only added.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_PARAMETER(400, "Invalid parameter"),
    UNAUTHORIZED(401, "Authentication required"),
    INVALID_TOKEN(401, "Invalid token"),
    FORBIDDEN(403, "Not allowed"),
    WRONG_PASSWORD(403, "Wrong password"),
    NOT_FOUND(404, "Not found"),
    STORE_NOT_FOUND(404, "Unknown store"),
    INCIDENT_NOT_FOUND(404, "Unknown incident"),
    UNKNOWN_PRODUCT(404, "Unknown product"),
    TRIP_NOT_FOUND(404, "Unknown trip"),
    LINE_NOT_FOUND(404, "Unknown cart line"),
    RECEIPT_NOT_FOUND(404, "Unknown receipt"),
    PAYMENT_NOT_FOUND(404, "No payment"),
    ASSISTANCE_NOT_FOUND(404, "No assistance request"),
    ACCOUNT_NOT_FOUND(404, "Unknown account"),
    TOKEN_NOT_FOUND(404, "Unknown token"),
    MEMBER_NOT_FOUND(404, "Unknown member"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    INCIDENT_ALREADY_RESOLVED(409, "Incident already resolved"),
    ACCOUNT_EXISTS(409, "Account exists"),
    OWN_ACCOUNT(409, "Own account"),
    TOKEN_REVOKED(409, "Token already revoked"),
    STORE_CLOSED(409, "Store closed"),
    TRIP_NOT_OPEN(409, "Trip not open"),
    CART_EMPTY(409, "Cart empty"),
    AGE_CHECK_REQUIRED(409, "Age check required"),
    PAYMENT_IN_PROGRESS(409, "Payment in progress"),
    NOT_PAID(409, "Not paid"),
    TRIP_REFUNDED(409, "Trip refunded"),
    EXIT_PASS_EXPIRED(409, "Exit pass expired"),
    PAYMENT_NOT_CANCELLABLE(409, "Payment cannot be cancelled"),
    ASSISTANCE_ALREADY_HANDLED(409, "Assistance request already handled"),
    PAYMENT_ALREADY_FINISHED(409, "Payment already finished"),
    PAYLOAD_TOO_LARGE(413, "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    VALIDATION_FAILED(422, "Validation failed"),
    INVALID_BARCODE(422, "Unreadable barcode"),
    IMPORT_REJECTED(422, "Import rejected"),
    INVALID_QUANTITY(422, "Invalid quantity"),
    WEIGHT_REQUIRED(422, "Weight required"),
    SCAN_ID_REUSED(422, "Scan id reused"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    UNKNOWN_PAYMENT_METHOD(422, "Unknown payment method"),
    REFUND_EXCEEDS_PAYMENT(422, "Refund exceeds payment"),
    INVALID_STATUS(422, "Invalid store status"),
    UNKNOWN_STORES(422, "Unknown stores"),
    UNKNOWN_REGION(422, "Unknown region"),
    WEAK_PASSWORD(422, "Password too weak"),
    UNKNOWN_MEMBER(422, "Unknown member"),
    INVALID_MEMBER_TOKEN(422, "Invalid member token"),
    IMPLAUSIBLE_LABEL(422, "Implausible label"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    SIGN_IN_THROTTLED(429, "Too many failed sign-ins"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    DATABASE_UNAVAILABLE(503, "Database unavailable"),
    SIGN_IN_BUSY(503, "Too many sign-ins at once");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The snake_case code clients see. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
