package se.skanna.shared;

/**
 * What text from outside may hold before Skanna stores or shows it: no NUL (PostgreSQL refuses it in text,
 * which used to surface as a 500), no other control characters but tab and line breaks, and no bidi
 * overrides or isolates (U+202A–U+202E, U+2066–U+2069), which make a store message or a product name read
 * differently from what it says. A scanned code may also hold the GS character (ASCII 29) that scanners send
 * for GS1's FNC1 separator.
 */
public final class FreeText {

    /** The GS character scanners send for FNC1 in GS1 element strings. */
    private static final char GS = '\u001D';

    public static final String REASON =
            "contains a character that is not allowed (NUL, a control character or a bidi override)";

    private FreeText() {}

    /** Whether {@code text} may be stored and shown; {@code null} is, as nothing. */
    public static boolean allowed(String text) {
        return firstRefused(text, false) < 0;
    }

    /** Whether {@code code}, a scanned code, may be read: free text plus the GS separator. */
    public static boolean allowedCode(String code) {
        return firstRefused(code, true) < 0;
    }

    /** The index of the first refused character, or -1. */
    static int firstRefused(String text, boolean scannedCode) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (refused(text.charAt(i), scannedCode)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean refused(char c, boolean scannedCode) {
        if (c < 0x20) {
            return !(c == '\t' || c == '\n' || c == '\r' || (scannedCode && c == GS));
        }
        return (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
