package se.skanna.shared;

import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key}: 8–128 printable ASCII characters, no spaces. The same key with the same
 * request answers the first answer again; with a different request it is refused (idempotency_key_reused).
 */
public record IdempotencyKey(String value) {

    private static final Pattern FORM = Pattern.compile("[\\x21-\\x7E]{8,128}");

    public IdempotencyKey {
        if (value == null || !FORM.matcher(value).matches()) {
            throw ProblemException.invalidField(
                    "Idempotency-Key", "Send an Idempotency-Key header of 8–128 printable characters.");
        }
    }

    /** The header as sent (possibly absent), read as a key or refused as an invalid field. */
    public static IdempotencyKey of(String header) {
        return new IdempotencyKey(header);
    }

    @Override
    public String toString() {
        return value;
    }
}
