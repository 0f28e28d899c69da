package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * The status moves the payment module asks of a trip are guarded in the database: each names the status it
 * expects, and a trip in any other is refused with a stable code while nothing changes.
 */
@SkannaTest
class TripStatusMovesTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Trips trips;

    @Autowired
    JdbcClient jdbc;

    private Store store;
    private String milk;

    @BeforeEach
    void catalog() {
        store = fixtures.store();
        milk = TestFixtures.gtin();
        fixtures.importCatalog(new Api(port), Map.of("products", List.of(TestFixtures.product(milk, "Mjölk", 1795))));
    }

    @Test
    void open_paying_open_paying_paid_and_nothing_after_paid() {
        Trips.Started trip = trips.start(store.id(), null, null);
        trips.scan(trip.tripId(), trip.token(), "s1", milk, 1, null);

        trips.markPaying(trip.tripId());
        trips.reopen(trip.tripId());
        trips.markPaying(trip.tripId());
        trips.markPaid(trip.tripId(), true);

        assertThat(status(trip.tripId())).isEqualTo("PAID");
        assertThat(trips.risk(trip.tripId()).auditSelected()).isTrue();
        assertThat(trips.paidAt(trip.tripId())).isPresent();
        assertRefused(() -> trips.reopen(trip.tripId()), ErrorCode.TRIP_STATE_CONFLICT);
        assertRefused(() -> trips.markPaying(trip.tripId()), ErrorCode.TRIP_NOT_OPEN);
        assertRefused(() -> trips.markPaid(trip.tripId(), false), ErrorCode.TRIP_STATE_CONFLICT);
        assertThat(status(trip.tripId())).isEqualTo("PAID");
        assertThat(trips.risk(trip.tripId()).auditSelected()).as("unchanged").isTrue();
    }

    @Test
    void a_trip_that_is_not_paying_is_neither_paid_nor_reopened_and_a_paying_one_is_not_paid_twice_over() {
        Trips.Started trip = trips.start(store.id(), null, null);

        assertRefused(() -> trips.markPaid(trip.tripId(), false), ErrorCode.TRIP_STATE_CONFLICT);
        assertRefused(() -> trips.reopen(trip.tripId()), ErrorCode.TRIP_STATE_CONFLICT);
        assertThat(status(trip.tripId())).isEqualTo("OPEN");
        assertThat(trips.paidAt(trip.tripId())).isEmpty();

        trips.markPaying(trip.tripId());
        assertRefused(() -> trips.markPaying(trip.tripId()), ErrorCode.TRIP_NOT_OPEN);
        assertThat(status(trip.tripId())).isEqualTo("PAYING");
        assertRefused(() -> trips.markPaying("t-unknown"), ErrorCode.TRIP_NOT_FOUND);
    }

    @Test
    void a_paying_trip_refuses_new_scans_but_still_answers_a_repeated_one() {
        Trips.Started trip = trips.start(store.id(), null, null);
        Trips.Scanned first = trips.scan(trip.tripId(), trip.token(), "s1", milk, 1, null);
        trips.markPaying(trip.tripId());

        assertRefused(() -> trips.scan(trip.tripId(), trip.token(), "s2", milk, 1, null), ErrorCode.TRIP_NOT_OPEN);
        assertRefused(() -> trips.changeQuantity(trip.tripId(), trip.token(), "l1", 3), ErrorCode.TRIP_NOT_OPEN);
        assertThat(trips.scan(trip.tripId(), trip.token(), "s1", milk, 1, null)).isEqualTo(first);
        assertThat(trips.view(trip.tripId(), trip.token()).cart().itemCount()).isEqualTo(1);
    }

    private String status(String tripId) {
        return jdbc.sql("select status from trip where id = :t")
                .param("t", tripId)
                .query(String.class)
                .single();
    }

    private static void assertRefused(Runnable move, ErrorCode code) {
        assertThatThrownBy(move::run)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
