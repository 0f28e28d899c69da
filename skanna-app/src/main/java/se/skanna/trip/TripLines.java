package se.skanna.trip;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a trip's cart lines and a scan's line are stored: JSON in a text column of the trip row ({@code trip.lines},
 * a JSON array of {@link Trip.Line} in cart order) and of the scan row ({@code trip_scan.answer}, the
 * {@link Cart.Line} the scan answered). Its own mapper, so that the web's settings never change what is stored.
 */
final class TripLines {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<Trip.Line>> LINES = new TypeReference<>() {};

    private TripLines() {}

    static String encode(List<Trip.Line> lines) {
        return JSON.writeValueAsString(lines);
    }

    static List<Trip.Line> decode(String json) {
        return json == null || json.isEmpty() ? List.of() : JSON.readValue(json, LINES);
    }

    static String encodeAnswer(Cart.Line line) {
        return JSON.writeValueAsString(line);
    }

    static Cart.Line decodeAnswer(String json) {
        return JSON.readValue(json, Cart.Line.class);
    }
}
