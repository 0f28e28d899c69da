package se.skanna.store;

import java.util.List;

/** A place on the map in WGS 84 degrees. */
public record GeoPoint(double lat, double lon) {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** Roughly Sweden and its waters: a store outside is a typing error, not a new market. */
    static final double MIN_LAT = 55.0;

    static final double MAX_LAT = 69.1;
    static final double MIN_LON = 10.9;
    static final double MAX_LON = 24.2;

    public GeoPoint {
        if (!Double.isFinite(lat) || !Double.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("Not a place on Earth: " + lat + ", " + lon);
        }
    }

    /** Reads "63.8258,20.263" (a link shared from the page); null when it is not a place. */
    public static GeoPoint parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new GeoPoint(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean inSweden(double lat, double lon) {
        return lat >= MIN_LAT && lat <= MAX_LAT && lon >= MIN_LON && lon <= MAX_LON;
    }

    /** Great-circle distance (haversine), in kilometres. */
    public double kmTo(double otherLat, double otherLon) {
        double dLat = Math.toRadians(otherLat - lat);
        double dLon = Math.toRadians(otherLon - lon);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(otherLat)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    public double kmTo(Store store) {
        return kmTo(store.lat(), store.lon());
    }

    /** The middle of some located stores (for a postcode: where its stores are). */
    static GeoPoint centre(List<Store> stores) {
        double lat = stores.stream().mapToDouble(Store::lat).average().orElseThrow();
        double lon = stores.stream().mapToDouble(Store::lon).average().orElseThrow();
        return new GeoPoint(lat, lon);
    }

    /** "63.826,20.263", for links. */
    public String text() {
        return String.format(java.util.Locale.ROOT, "%.4f,%.4f", lat, lon);
    }
}
