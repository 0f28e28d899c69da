package se.skanna.trip;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A trip's short code: five characters the shopper's phone shows large (age check, help, exit pass) and the
 * staff lists show next to each trip, so staff match a phone to a line at a glance. Derived from the trip id
 * (its first five random hex digits, upper case), so it needs no storage; the shopper app derives it the
 * same way. Not unique in a chain, nor a secret: in one store's lists of the moment a clash is rare (about 1 in
 * 100 with 150 open trips), and the full id is in each row's title.
 */
@Component("tripCodes")
public class TripCodes {

    public static String codeOf(String tripId) {
        if (tripId == null) {
            return "";
        }
        String digits = tripId.startsWith("t-") ? tripId.substring(2) : tripId;
        digits = digits.replace("-", "");
        return digits.substring(0, Math.min(5, digits.length())).toUpperCase(Locale.ROOT);
    }

    /** For templates: {@code ${@tripCodes.of(r.tripId)}}. */
    public String of(String tripId) {
        return codeOf(tripId);
    }
}
