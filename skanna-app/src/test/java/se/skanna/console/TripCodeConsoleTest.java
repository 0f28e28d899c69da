package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.ProductEntry;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import se.skanna.trip.TripCodes;

/** Staff lists name each trip by the short code the shopper's phone shows large (TripCodes). */
@SkannaTest
class TripCodeConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void the_age_checks_calls_for_staff_and_open_trips_show_the_trip_code_the_phone_shows() {
        Api api = new Api(port);
        Store store = fixtures.store();
        String snus = TestFixtures.gtin();
        Map<String, Object> snusProduct =
                ProductEntry.of(snus, "Snus 24 g", 6200).ageLimit(18).map();
        fixtures.importCatalog(api, Map.of("products", List.of(snusProduct)));
        String[] trip = TestFixtures.tripWith(api, store.id(), snus);
        Api.Response checkout = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("method", "test"))
                .send();
        assertThat(checkout.problemCode()).isEqualTo("age_check_required");
        Api.Response called = api.request("POST", "/api/v1/trips/" + trip[0] + "/assistance")
                .header("Authorization", "Bearer " + trip[1])
                .json(Map.of())
                .send();
        assertThat(called.status()).as(called.body()).isIn(200, 201);
        String code = TripCodes.codeOf(trip[0]);
        assertThat(code).hasSize(5).isUpperCase();

        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(fixtures.account(Role.STAFF, store.id()), TestFixtures.PASSWORD)
                        .statusCode())
                .isEqualTo(302);
        String cell = "<td class=\"trip-code\" title=\"" + trip[0] + "\">Köp " + code + "</td>";
        String storePage = session.get("/console/stores/" + store.id()).body();
        assertThat(storePage.split(java.util.regex.Pattern.quote(cell), -1))
                .as("one in the age checks, one in the calls for staff")
                .hasSize(3);
        assertThat(session.get("/console/stores/" + store.id() + "/trips").body())
                .contains(cell);
    }
}
