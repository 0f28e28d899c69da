package se.skanna.gs1;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import se.skanna.gs1.BarcodeException.Reason;

/**
 * Reads GS1 element strings: the AI-tagged data of GS1-128, GS1 DataBar and GS1 DataMatrix. Accepts the raw
 * scan (variable-length fields ended by the GS character, ASCII 29, which stands for FNC1) and the
 * human-readable form with AIs in brackets, e.g. {@code (01)09506000134352(3103)001250}.
 */
public final class ElementStrings {

    /** The GS character (ASCII 29) that scanners send for FNC1. */
    public static final char GS = '\u001D';

    private ElementStrings() {}

    /** AI to value, in the order of the code; each value checked against its AI's rules. */
    public static Map<String, String> parse(String data) {
        if (data == null || data.isEmpty()) {
            throw new BarcodeException(Reason.EMPTY, "The code is empty.");
        }
        Map<String, String> ais = data.charAt(0) == '(' ? parseBracketed(data) : parseRaw(data);
        ais.forEach(ElementStrings::validate);
        return ais;
    }

    private static Map<String, String> parseRaw(String data) {
        Map<String, String> ais = new LinkedHashMap<>();
        int position = 0;
        while (position < data.length()) {
            if (data.charAt(position) == GS) {
                position++;
                continue;
            }
            int start = position;
            ApplicationIdentifier ai =
                    ApplicationIdentifier.atStartOf(data, position).orElseThrow(() -> unknownAi(data, start));
            position += ai.ai().length();
            int end;
            if (ai.isFixedLength()) {
                end = position + ai.maxLength();
                if (end > data.length()) {
                    throw new BarcodeException(
                            Reason.BAD_APPLICATION_IDENTIFIER_VALUE,
                            "AI (" + ai.ai() + ") needs " + ai.maxLength() + " characters but the code ends early.");
                }
                if (data.substring(position, end).indexOf(GS) >= 0) {
                    throw new BarcodeException(
                            Reason.BAD_APPLICATION_IDENTIFIER_VALUE,
                            "AI (" + ai.ai() + ") needs " + ai.maxLength() + " characters before the next separator.");
                }
            } else {
                int separator = data.indexOf(GS, position);
                end = separator < 0 ? data.length() : separator;
                if (end - position > ai.maxLength()) {
                    throw new BarcodeException(
                            Reason.MISSING_SEPARATOR,
                            "AI (" + ai.ai() + ") holds at most " + ai.maxLength()
                                    + " characters; a separator (FNC1/GS) is probably missing after it.");
                }
            }
            put(ais, ai.ai(), data.substring(position, end));
            position = end;
        }
        if (ais.isEmpty()) {
            throw new BarcodeException(Reason.EMPTY, "The code holds no data.");
        }
        return ais;
    }

    private static Map<String, String> parseBracketed(String data) {
        Map<String, String> ais = new LinkedHashMap<>();
        int position = 0;
        while (position < data.length()) {
            if (data.charAt(position) != '(') {
                throw new BarcodeException(
                        Reason.INVALID_CHARACTERS, "Expected '(' at position " + (position + 1) + ".");
            }
            int close = data.indexOf(')', position);
            if (close < 0) {
                throw new BarcodeException(Reason.INVALID_CHARACTERS, "An AI bracket is not closed.");
            }
            String ai = data.substring(position + 1, close);
            if (ApplicationIdentifier.of(ai).isEmpty()) {
                throw unknownAi(ai, 0);
            }
            int next = data.indexOf('(', close);
            int end = next < 0 ? data.length() : next;
            put(ais, ai, data.substring(close + 1, end));
            position = end;
        }
        return ais;
    }

    private static void put(Map<String, String> ais, String ai, String value) {
        String previous = ais.putIfAbsent(ai, value);
        if (previous != null && !previous.equals(value)) {
            throw new BarcodeException(
                    Reason.BAD_APPLICATION_IDENTIFIER_VALUE, "AI (" + ai + ") appears twice with different values.");
        }
    }

    /** Checks one value against its AI: length, characters, check digit, dates. */
    static void validate(String aiNumber, String value) {
        ApplicationIdentifier ai = ApplicationIdentifier.of(aiNumber).orElseThrow(() -> unknownAi(aiNumber, 0));
        if (value.length() < ai.minLength() || value.length() > ai.maxLength()) {
            throw new BarcodeException(
                    Reason.BAD_APPLICATION_IDENTIFIER_VALUE,
                    "AI (" + aiNumber + ") " + ai.title() + " needs "
                            + (ai.isFixedLength()
                                    ? ai.maxLength() + " characters"
                                    : ai.minLength() + "–" + ai.maxLength() + " characters")
                            + "; it has " + value.length() + ".");
        }
        if (ai.numeric() && !CheckDigits.allDigits(value)) {
            throw new BarcodeException(
                    Reason.BAD_APPLICATION_IDENTIFIER_VALUE,
                    "AI (" + aiNumber + ") " + ai.title() + " has digits only.");
        }
        if (!ai.numeric()) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x21 || c > 0x7E) {
                    throw new BarcodeException(
                            Reason.INVALID_CHARACTERS,
                            "AI (" + aiNumber + ") " + ai.title() + " contains a character GS1 does not allow.");
                }
            }
        }
        switch (aiNumber) {
            case "00", "01", "02" -> {
                if (!CheckDigits.isValid(value)) {
                    throw new BarcodeException(
                            Reason.BAD_CHECK_DIGIT,
                            "AI (" + aiNumber + ") " + ai.title()
                                    + " has a wrong check digit: it was probably misread.");
                }
            }
            case "11", "12", "13", "15", "16", "17" -> checkDate(aiNumber, value);
            default -> {
                // length and characters are all the table knows for the others
            }
        }
    }

    /** YYMMDD; a day of 00 means the end of that month. */
    private static void checkDate(String ai, String value) {
        int month = Integer.parseInt(value.substring(2, 4));
        int day = Integer.parseInt(value.substring(4, 6));
        try {
            LocalDate.of(2000 + Integer.parseInt(value.substring(0, 2)), month, day == 0 ? 1 : day);
        } catch (DateTimeException e) {
            throw new BarcodeException(
                    Reason.BAD_APPLICATION_IDENTIFIER_VALUE,
                    "AI (" + ai + ") holds " + value + ", which is not a date.");
        }
    }

    private static BarcodeException unknownAi(String data, int position) {
        String shown = data.substring(position, Math.min(data.length(), position + 4));
        return new BarcodeException(
                Reason.UNKNOWN_APPLICATION_IDENTIFIER,
                "Unknown GS1 application identifier at '" + shown.replace(GS, '|') + "'.");
    }
}
