package se.skanna.gs1;

import se.skanna.gs1.BarcodeException.Reason;

/** UPC-E, the zero-suppressed 8-digit form of some UPC-A numbers. */
public final class UpcE {

    private UpcE() {}

    /**
     * Expands an 8-digit UPC-E (number system 0 or 1, six data digits, check digit) to its 12-digit UPC-A. The
     * check digit of a UPC-E is that of the UPC-A it stands for.
     */
    public static String expand(String upcE) {
        if (upcE == null || upcE.length() != 8 || !CheckDigits.allDigits(upcE)) {
            throw new BarcodeException(Reason.BAD_UPC_E, "A UPC-E code has 8 digits.");
        }
        char system = upcE.charAt(0);
        if (system != '0' && system != '1') {
            throw new BarcodeException(Reason.BAD_UPC_E, "A UPC-E code starts with 0 or 1.");
        }
        String d = upcE.substring(1, 7);
        char last = d.charAt(5);
        String body = switch (last) {
            case '0', '1', '2' -> d.substring(0, 2) + last + "0000" + d.substring(2, 5);
            case '3' -> d.substring(0, 3) + "00000" + d.substring(3, 5);
            case '4' -> d.substring(0, 4) + "00000" + d.charAt(4);
            default -> d.substring(0, 5) + "0000" + last;
        };
        String upcA = system + body + upcE.charAt(7);
        Gtin.checkDigit(upcA);
        return upcA;
    }

    /**
     * Compresses a UPC-A to UPC-E where the zero-suppression rules allow it, or returns null. The inverse of
     * {@link #expand(String)}.
     */
    public static String compress(String upcA) {
        if (upcA == null || upcA.length() != 12 || !CheckDigits.allDigits(upcA)) {
            return null;
        }
        char system = upcA.charAt(0);
        if (system != '0' && system != '1') {
            return null;
        }
        String m = upcA.substring(1, 6);
        String p = upcA.substring(6, 11);
        char check = upcA.charAt(11);
        String data = null;
        if (m.charAt(2) <= '2' && m.substring(3).equals("00") && p.startsWith("00")) {
            data = m.substring(0, 2) + p.substring(2) + m.charAt(2);
        } else if (m.substring(3).equals("00") && p.startsWith("000")) {
            data = m.substring(0, 3) + p.substring(3) + "3";
        } else if (m.charAt(4) == '0' && p.startsWith("0000")) {
            data = m.substring(0, 4) + p.charAt(4) + "4";
        } else if (p.startsWith("0000") && p.charAt(4) >= '5') {
            data = m + p.charAt(4);
        }
        return data == null ? null : system + data + check;
    }
}
