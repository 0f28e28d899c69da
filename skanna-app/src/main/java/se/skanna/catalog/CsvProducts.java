package se.skanna.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import se.skanna.catalog.ImportFile.ProductRow;
import se.skanna.shared.FreeText;

/**
 * Products as CSV (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes and line breaks)
 * with the header {@code gtin,name,brand,unit,vatRate,price,deposit,ageLimit}; {@code vatClass} may stand
 * in for {@code vatRate}. The label bounds {@code minWeightGrams,maxWeightGrams,minLabelPrice,maxLabelPrice}
 * may follow as four more columns (empty fields keep the defaults).
 */
final class CsvProducts {

    static final List<String> HEADER =
            List.of("gtin", "name", "brand", "unit", "vatRate", "price", "deposit", "ageLimit");
    static final List<String> BOUNDS = List.of("minWeightGrams", "maxWeightGrams", "minLabelPrice", "maxLabelPrice");

    /** A parsed row with the line it started on; numbers stay text until validation. */
    record Row(int line, ProductRow product, List<ImportError> errors) {}

    private CsvProducts() {}

    static List<Row> parse(String text, List<ImportError> errors) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (!split(text, records, lines, errors)) {
            return List.of();
        }
        if (records.isEmpty()) {
            errors.add(ImportError.atLine(1, null, "The file is empty; the first line must be the header."));
            return List.of();
        }
        List<String> header = records.getFirst().stream().map(String::strip).toList();
        String vatColumn = header.size() > 4 ? header.get(4) : "";
        List<String> expected = new ArrayList<>(HEADER);
        if (vatColumn.equals("vatClass")) {
            expected.set(4, "vatClass");
        }
        List<String> withBounds = new ArrayList<>(expected);
        withBounds.addAll(BOUNDS);
        boolean bounds = header.equals(withBounds);
        if (!header.equals(expected) && !bounds) {
            errors.add(ImportError.atLine(
                    1,
                    null,
                    "The header must be exactly: " + String.join(",", HEADER) + " (optionally followed by ,"
                            + String.join(",", BOUNDS) + ")"));
            return List.of();
        }
        int columns = header.size();
        boolean byClass = vatColumn.equals("vatClass");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> fields = records.get(i);
            int line = lines.get(i);
            if (fields.size() == 1 && fields.getFirst().isBlank()) {
                continue;
            }
            List<ImportError> rowErrors = new ArrayList<>();
            if (fields.size() != columns) {
                rowErrors.add(ImportError.atLine(
                        line, null, "Expected " + columns + " fields, found " + fields.size() + "."));
                rows.add(new Row(line, null, rowErrors));
                continue;
            }
            for (int f = 0; f < fields.size(); f++) {
                if (!FreeText.allowed(fields.get(f))) {
                    rowErrors.add(ImportError.atLine(line, header.get(f), "The field " + FreeText.REASON + "."));
                }
            }
            if (!rowErrors.isEmpty()) {
                rows.add(new Row(line, null, rowErrors));
                continue;
            }
            ProductRow product = new ProductRow(
                    blankToNull(fields.get(0)),
                    blankToNull(fields.get(1)),
                    blankToNull(fields.get(2)),
                    blankToNull(fields.get(3)),
                    byClass ? null : number(fields.get(4), "vatRate", line, rowErrors, Integer::valueOf),
                    byClass ? blankToNull(fields.get(4)) : null,
                    number(fields.get(5), "price", line, rowErrors, Long::valueOf),
                    number(fields.get(6), "deposit", line, rowErrors, Long::valueOf),
                    number(fields.get(7), "ageLimit", line, rowErrors, Integer::valueOf),
                    bounds ? number(fields.get(8), "minWeightGrams", line, rowErrors, Long::valueOf) : null,
                    bounds ? number(fields.get(9), "maxWeightGrams", line, rowErrors, Long::valueOf) : null,
                    bounds ? number(fields.get(10), "minLabelPrice", line, rowErrors, Long::valueOf) : null,
                    bounds ? number(fields.get(11), "maxLabelPrice", line, rowErrors, Long::valueOf) : null);
            rows.add(new Row(line, product, rowErrors));
        }
        return rows;
    }

    private static <T> T number(
            String text, String field, int line, List<ImportError> errors, Function<String, T> parse) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            errors.add(ImportError.atLine(line, field, "'" + value + "' is not a whole number."));
            return null;
        }
    }

    private static String blankToNull(String value) {
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** Splits into records of fields, remembering the line each record starts on. */
    private static boolean split(
            String text, List<List<String>> records, List<Integer> lines, List<ImportError> errors) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                lines.add(recordLine);
                fields = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            errors.add(ImportError.atLine(recordLine, null, "A quoted field is not closed."));
            return false;
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
            lines.add(recordLine);
        }
        return true;
    }
}
