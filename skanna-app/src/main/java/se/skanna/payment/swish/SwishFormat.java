package se.skanna.payment.swish;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How Skanna's values are written for Swish, as pure functions. A payment id {@code p-<uuid>} maps one to one
 * to Swish's instruction id (the same UUID as 32 upper-case hex digits, which Swish requires), so a callback or
 * a status answer names its payment without any lookup table.
 */
public final class SwishFormat {

    private static final Pattern PAYMENT_ID =
            Pattern.compile("p-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern INSTRUCTION_ID = Pattern.compile("[0-9A-F]{32}");
    /** Swish's message alphabet: letters a-ö, A-Ö, digits, space and :;.,?!()" — at most 50 characters. */
    static final String MESSAGE_ALPHABET = "[a-zA-ZåäöÅÄÖ0-9 :;.,?!()\"]{0,50}";

    static final Pattern MESSAGE = Pattern.compile(MESSAGE_ALPHABET);

    static final int MESSAGE_LENGTH = 50;

    private SwishFormat() {}

    /** {@code p-0f8c…} → {@code 0F8C…} (32 upper-case hex digits). */
    public static String instructionId(String paymentId) {
        if (paymentId == null || !PAYMENT_ID.matcher(paymentId).matches()) {
            throw new IllegalArgumentException("Not a payment id: " + paymentId);
        }
        return paymentId.substring(2).replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** The inverse of {@link #instructionId}. */
    public static String paymentId(String instructionId) {
        if (!isInstructionId(instructionId)) {
            throw new IllegalArgumentException("Not a Swish instruction id: " + instructionId);
        }
        String hex = instructionId.toLowerCase(Locale.ROOT);
        return "p-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    public static boolean isInstructionId(String value) {
        return value != null && INSTRUCTION_ID.matcher(value).matches();
    }

    /** The merchant's own reference on the payment: the payment id without dashes (33 characters ≤ 35). */
    static String payeePaymentReference(String paymentId) {
        instructionId(paymentId); // validates
        return paymentId.replace("-", "");
    }

    /** Öre to Swish's amount text with two decimals: 12990 → "129.90". Never through a double. */
    static String amount(long ore) {
        if (ore <= 0) {
            throw new IllegalArgumentException("A Swish amount must be positive: " + ore);
        }
        return BigDecimal.valueOf(ore, 2).toPlainString();
    }

    /** The message the payer sees in the Swish app: the prefix and the payment's first eight hex digits. */
    static String message(String prefix, String paymentId) {
        String text = prefix + " " + instructionId(paymentId).substring(0, 8);
        return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH);
    }

    /** The message with a refund: the prefix and "återbetalning" (refund). */
    static String refundMessage(String prefix) {
        String text = prefix + " återbetalning";
        return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH);
    }

    /** A stable instruction id for the refund {@code refundKey} of a payment: the same key, the same refund. */
    static String refundInstructionId(String paymentId, String refundKey) {
        byte[] name =
                ("skanna-refund|" + paymentId + "|" + refundKey).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(name);
        return HexFormat.of()
                .withUpperCase()
                .formatHex(java.nio.ByteBuffer.allocate(16)
                        .putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits())
                        .array());
    }
}
