package se.skanna.gs1;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A GS1 Application Identifier: the bracketed number that says what the data after it means, how long it is
 * and which characters it may hold. The table covers the AIs found on consumer goods and their labels.
 *
 * @param ai the identifier, e.g. "01" or "3103"
 * @param minLength shortest value
 * @param maxLength longest value; equal to minLength for fixed-length AIs
 * @param numeric digits only
 * @param title what the data means
 */
public record ApplicationIdentifier(String ai, int minLength, int maxLength, boolean numeric, String title) {

    private static final Map<String, ApplicationIdentifier> TABLE = new HashMap<>();

    static {
        fixed("00", 18, "SSCC");
        fixed("01", 14, "GTIN");
        fixed("02", 14, "GTIN of contained trade items");
        variableText("10", 20, "Batch or lot number");
        fixed("11", 6, "Production date");
        fixed("12", 6, "Due date");
        fixed("13", 6, "Packaging date");
        fixed("15", 6, "Best before date");
        fixed("16", 6, "Sell by date");
        fixed("17", 6, "Expiration date");
        fixed("20", 2, "Internal product variant");
        variableText("21", 20, "Serial number");
        variableText("22", 20, "Consumer product variant");
        variableText("235", 28, "Third party controlled serialised extension of GTIN");
        variableText("240", 30, "Additional product identification");
        variableText("241", 30, "Customer part number");
        variableText("242", 6, "Made-to-order variation number");
        variableText("250", 30, "Secondary serial number");
        variableText("251", 30, "Reference to source entity");
        variableText("253", 30, "Global Document Type Identifier");
        variableText("254", 20, "GLN extension component");
        variableNumeric("30", 8, "Count of items");
        variableNumeric("37", 8, "Count of trade items contained");
        for (int n = 0; n <= 5; n++) {
            for (String ai : new String[] {"310", "311", "312", "313", "314", "315", "316"}) {
                fixed(ai + n, 6, "Net measure (" + ai + "), " + n + " decimals");
            }
            for (int family = 320; family <= 369; family++) {
                fixed(family + "" + n, 6, "Measure (" + family + "), " + n + " decimals");
            }
        }
        for (int n = 0; n <= 9; n++) {
            variableNumeric("390" + n, 15, "Amount payable, " + n + " decimals");
            add("391" + n, 4, 18, true, "Amount payable with ISO currency, " + n + " decimals");
            variableNumeric("392" + n, 15, "Amount payable for a variable measure item, " + n + " decimals");
            add(
                    "393" + n,
                    4,
                    18,
                    true,
                    "Amount payable for a variable measure item with ISO currency, " + n + " decimals");
        }
        for (int n = 0; n <= 3; n++) {
            fixed("394" + n, 4, "Percentage discount of a coupon, " + n + " decimals");
        }
        for (int n = 0; n <= 5; n++) {
            fixed("395" + n, 6, "Amount payable per unit of measure, " + n + " decimals");
        }
        variableText("400", 30, "Customer's purchase order number");
        variableText("401", 30, "Global Identification Number for Consignment");
        fixed("402", 17, "Global Shipment Identification Number");
        variableText("403", 30, "Routing code");
        for (int ai = 410; ai <= 417; ai++) {
            fixed(Integer.toString(ai), 13, "Global Location Number (" + ai + ")");
        }
        variableText("420", 20, "Ship to postal code");
        add("421", 4, 12, false, "Ship to postal code with ISO country code");
        fixed("422", 3, "Country of origin");
        add("423", 3, 15, true, "Country of initial processing");
        fixed("424", 3, "Country of processing");
        add("425", 3, 15, true, "Country of disassembly");
        fixed("426", 3, "Country of full process chain");
        fixed("7003", 10, "Expiration date and time");
        variableNumeric("7004", 4, "Active potency");
        variableText("7005", 12, "Catch area");
        fixed("7006", 6, "First freeze date");
        add("7007", 6, 12, true, "Harvest date");
        variableText("7008", 3, "Species for fishery purposes");
        variableText("7009", 10, "Fishing gear type");
        variableText("7010", 2, "Production method");
        fixed("8005", 6, "Price per unit of measure");
        add("8006", 18, 18, true, "Identification of an individual trade item piece");
        variableText("8008", 12, "Date and time of production");
        variableText("8020", 25, "Payment slip reference number");
        variableText("8200", 70, "Extended packaging URL");
        variableText("90", 30, "Information mutually agreed between trading partners");
        for (int ai = 91; ai <= 99; ai++) {
            variableText(Integer.toString(ai), 90, "Company internal information");
        }
    }

    /** The AI at the start of {@code data}, trying 2-, 3- and 4-digit identifiers. */
    static Optional<ApplicationIdentifier> atStartOf(CharSequence data, int from) {
        for (int length = 2; length <= 4 && from + length <= data.length(); length++) {
            ApplicationIdentifier ai =
                    TABLE.get(data.subSequence(from, from + length).toString());
            if (ai != null) {
                return Optional.of(ai);
            }
        }
        return Optional.empty();
    }

    public static Optional<ApplicationIdentifier> of(String ai) {
        return Optional.ofNullable(TABLE.get(ai));
    }

    /** Fixed-length AIs by their first two digits (GS1 predefined lengths): these never need an FNC1 after them. */
    public boolean isPredefinedLength() {
        int first = Integer.parseInt(ai.substring(0, 2));
        return first <= 4 || (first >= 11 && first <= 20) || first == 23 || (first >= 31 && first <= 36) || first == 41;
    }

    public boolean isFixedLength() {
        return minLength == maxLength;
    }

    private static void fixed(String ai, int length, String title) {
        add(ai, length, length, true, title);
    }

    private static void variableNumeric(String ai, int maxLength, String title) {
        add(ai, 1, maxLength, true, title);
    }

    private static void variableText(String ai, int maxLength, String title) {
        add(ai, 1, maxLength, false, title);
    }

    private static void add(String ai, int min, int max, boolean numeric, String title) {
        TABLE.put(ai, new ApplicationIdentifier(ai, min, max, numeric, title));
    }
}
