package se.skanna.gs1;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.skanna.gs1.BarcodeException.Reason;

/**
 * Reads GS1 Digital Link URIs such as {@code https://id.gs1.org/01/09506000134352/10/ABC?17=271231}: any
 * domain and path prefix, the GTIN as primary key, key qualifiers in the path and further AIs as numeric
 * query parameters.
 */
public final class DigitalLinks {

    private static final List<String> QUALIFIERS = List.of("22", "10", "21", "235");

    private DigitalLinks() {}

    public static boolean looksLikeOne(String code) {
        String lower = code.length() >= 8 ? code.substring(0, 8).toLowerCase(java.util.Locale.ROOT) : "";
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** AI to value; {@code 01} always holds the 14-digit GTIN. */
    public static Map<String, String> parse(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw bad("This is not a valid web address.");
        }
        if (uri.getRawPath() == null || uri.getHost() == null) {
            throw bad("A GS1 Digital Link names a web host and a path.");
        }
        String[] segments = uri.getRawPath().split("/");
        int key = -1;
        for (int i = segments.length - 2; i >= 0; i--) {
            if (segments[i].equals("01")) {
                key = i;
                break;
            }
        }
        if (key < 0) {
            throw bad("The link carries no GTIN: its path needs /01/ followed by the GTIN.");
        }
        Map<String, String> ais = new LinkedHashMap<>();
        String gtin = decode(segments[key + 1]);
        try {
            ais.put("01", Gtin.parse(gtin).value());
        } catch (BarcodeException e) {
            throw new BarcodeException(e.reason(), "The GTIN in the link is not valid: " + e.getMessage());
        }
        int qualifier = 0;
        for (int i = key + 2; i < segments.length; i += 2) {
            if (i + 1 >= segments.length) {
                throw bad("The link's path ends with an AI without a value.");
            }
            String ai = segments[i];
            int order = QUALIFIERS.indexOf(ai);
            if (order < qualifier) {
                throw bad(
                        "After the GTIN the path may hold (22), (10), (21) or (235), in that order; not (" + ai + ").");
            }
            qualifier = order + 1;
            ais.put(ai, decode(segments[i + 1]));
        }
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = decode(parameter.substring(0, equals));
                if (CheckDigits.allDigits(name) && !ais.containsKey(name)) {
                    ais.put(name, decode(parameter.substring(equals + 1)));
                }
            }
        }
        ais.forEach(ElementStrings::validate);
        return ais;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad("The link contains a broken %-escape.");
        }
    }

    private static BarcodeException bad(String message) {
        return new BarcodeException(Reason.BAD_DIGITAL_LINK, message);
    }
}
