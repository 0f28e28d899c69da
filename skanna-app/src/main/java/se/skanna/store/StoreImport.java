package se.skanna.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * HQ's store import ({@code POST /api/v1/stores}): every entry is checked before anything is written, and one bad
 * entry rejects the whole import with a report of every problem ({@code errors}: path and reason).
 */
final class StoreImport {

    static final int MAX_STORES = 5000;
    static final String COUNT_RULE = "Give between 1 and " + MAX_STORES + " stores.";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern POSTCODE = Pattern.compile("[1-9]\\d{2} ?\\d{2}");

    /** One store as HQ sends it; all but the id, name, town and region may be left out. */
    record Entry(
            String id,
            String name,
            String city,
            String region,
            String street,
            String postcode,
            Double lat,
            Double lon,
            String openingHours) {}

    private StoreImport() {}

    static List<Store> check(List<Entry> entries, Instant at) {
        if (entries == null || entries.isEmpty() || entries.size() > MAX_STORES) {
            throw ProblemException.invalidField("stores", COUNT_RULE);
        }
        List<EntryError> errors = new ArrayList<>();
        List<Store> stores = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String at0 = "stores[" + i + "].";
            if (entry == null) {
                errors.add(error("stores[" + i + "]", "An entry is empty."));
                continue;
            }
            String id = strip(entry.id());
            if (id == null || !ID.matcher(id).matches()) {
                errors.add(error(at0 + "id", "An id of 1–32 letters, digits, - or _ is required."));
            } else if (!ids.add(id)) {
                errors.add(error(at0 + "id", "The id " + id + " appears twice in this import."));
            }
            String name = required(entry.name(), 120, at0 + "name", "A store name", errors);
            String city = required(entry.city(), 80, at0 + "city", "A town", errors);
            String region = required(entry.region(), 80, at0 + "region", "A region (län)", errors);
            String street = strip(entry.street());
            if (street != null && street.length() > 120) {
                errors.add(error(at0 + "street", "A street address may have at most 120 characters."));
            }
            String postcode = strip(entry.postcode());
            if (postcode != null) {
                if (!POSTCODE.matcher(postcode).matches()) {
                    errors.add(error(at0 + "postcode", "A Swedish postcode has five digits, like 903 26."));
                    postcode = null;
                } else {
                    postcode = StoreRepository.postcodeWritten(postcode.replace(" ", ""));
                }
            }
            Double lat = entry.lat();
            Double lon = entry.lon();
            if ((lat == null) != (lon == null)) {
                errors.add(error(at0 + (lat == null ? "lat" : "lon"), "Give both lat and lon, or neither."));
            } else if (lat != null && !GeoPoint.inSweden(lat, lon)) {
                errors.add(error(
                        at0 + "lat",
                        "The position must be in Sweden (lat " + GeoPoint.MIN_LAT + "–" + GeoPoint.MAX_LAT + ", lon "
                                + GeoPoint.MIN_LON + "–" + GeoPoint.MAX_LON + ", in degrees)."));
            }
            String hours = strip(entry.openingHours());
            if (hours != null) {
                try {
                    hours = OpeningHours.parse(hours).text();
                } catch (IllegalArgumentException e) {
                    errors.add(error(at0 + "openingHours", e.getMessage()));
                }
            }
            if (errors.isEmpty()) {
                stores.add(new Store(id, name, city, region, StoreStatus.OPEN, null, at)
                        .withDetails(street, postcode, lat, lon, hours));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ErrorCode.IMPORT_REJECTED,
                    errors.size() + " problem(s) in the import; nothing was changed.",
                    Map.of("errors", errors));
        }
        return stores;
    }

    private static String required(String value, int max, String path, String what, List<EntryError> errors) {
        String text = strip(value);
        if (text == null || text.length() > max) {
            errors.add(error(path, what + " of 1–" + max + " characters is required."));
        }
        return text;
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One problem of an import, by the field's path ({@code stores[3].postcode}): a problem extension member. */
    record EntryError(String path, String reason) {}

    private static EntryError error(String path, String reason) {
        return new EntryError(path, reason);
    }
}
