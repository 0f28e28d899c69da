package se.skanna.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A store of the chain as the public sees it. {@code message} is what clients that know one language only show:
 * the Swedish text, or the English one when there is no Swedish; {@code messages} has both. Address, coordinates
 * and opening hours are optional (stores registered before they were store data have none until imported);
 * {@code postcode} is written as Swedes write it ("903 26"), {@code openingHours} in the form of
 * {@link OpeningHours}.
 */
public record Store(
        String id,
        String name,
        String city,
        String region,
        StoreStatus status,
        String message,
        Instant updatedAt,
        Messages messages,
        String street,
        String postcode,
        Double lat,
        Double lon,
        String openingHours) {

    public Store {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (messages == null) {
            messages = new Messages(message, null);
        }
        if (message == null) {
            message = messages.sv() != null ? messages.sv() : messages.en();
        }
    }

    /** A store without address, coordinates or opening hours, with a message in Swedish only. */
    public Store(
            String id, String name, String city, String region, StoreStatus status, String message, Instant updatedAt) {
        this(id, name, city, region, status, message, updatedAt, null, null, null, null, null, null);
    }

    /** The same store with another address, position and opening hours. */
    public Store withDetails(String street, String postcode, Double lat, Double lon, String openingHours) {
        return new Store(
                id, name, city, region, status, message, updatedAt, messages, street, postcode, lat, lon, openingHours);
    }

    /** Whether the store has coordinates (the map and "near me" need them). */
    public boolean located() {
        return lat != null && lon != null;
    }

    /** A store's message in Swedish and in English; either may be missing. */
    public record Messages(String sv, String en) implements java.io.Serializable {

        public static final Messages NONE = new Messages(null, null);

        /** The text in the reader's language, else the other one; null when there is none. */
        public String in(Locale locale) {
            boolean english = locale != null && "en".equals(locale.getLanguage());
            String wanted = english ? en : sv;
            return wanted != null ? wanted : (english ? sv : en);
        }

        public boolean absent() {
            return sv == null && en == null;
        }
    }
}
