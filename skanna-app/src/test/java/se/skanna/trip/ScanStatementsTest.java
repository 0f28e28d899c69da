package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.StatementCounter;
import se.skanna.support.StatementCounter.Transaction;
import se.skanna.support.TestFixtures;

/**
 * A scan is one durable write of at most three statements in one transaction (lock and read the trip with any
 * earlier scan of the id, insert the scan, update the trip), whatever the cart holds; a repeated scan id is one
 * read. What a scan stores as its idempotent answer is the line it answered, not the cart.
 */
@SkannaTest
@Import(StatementCounter.class)
class ScanStatementsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    Trips trips;

    @Autowired
    JdbcClient jdbc;

    private Store store;
    private final List<String> products = new ArrayList<>();
    private String snus;
    private String cheeseLabel;

    @BeforeEach
    void catalog() {
        store = fixtures.store();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String gtin = TestFixtures.gtin();
            products.add(gtin);
            entries.add(TestFixtures.product(gtin, "Vara " + i, 1000 + i));
        }
        snus = TestFixtures.gtin();
        Map<String, Object> restricted = TestFixtures.product(snus, "Snus", 5500);
        restricted.put("ageLimit", 18);
        entries.add(restricted);
        String cheese = TestFixtures.weighedGtin();
        Map<String, Object> weighed = TestFixtures.product(cheese, "Prästost", 13900);
        weighed.put("unit", "KG");
        entries.add(weighed);
        cheeseLabel = se.skanna.gs1.CheckDigits.append(cheese.substring(0, 8) + "0250");
        fixtures.importCatalog(new Api(port), Map.of("products", entries));
    }

    @Test
    void every_kind_of_scan_is_one_transaction_of_at_most_three_statements() {
        Trips.Started trip = trips.start(store.id(), null, null);

        Transaction first = scanned(trip, "n1", products.get(0));
        Transaction merged = scanned(trip, "n2", products.get(0));
        Transaction weighed = scanned(trip, "n3", cheeseLabel);
        Transaction restricted = scanned(trip, "n4", snus);
        for (int i = 1; i < products.size(); i++) {
            scanned(trip, "m" + i, products.get(i));
        }
        Transaction intoALongCart = scanned(trip, "n5", products.get(3));

        for (Transaction scan : List.of(first, merged, weighed, restricted, intoALongCart)) {
            assertThat(scan.committed()).isTrue();
            assertThat(scan.statements()).as(scan.statements().toString()).hasSizeLessThanOrEqualTo(3);
        }
        assertThat(first.statements().get(0)).containsIgnoringCase("for update");
        assertThat(first.statements().get(1)).startsWithIgnoringCase("insert into trip_scan");
        assertThat(first.statements().get(2)).startsWithIgnoringCase("update trip set lines");
        assertThat(trips.view(trip.tripId(), trip.token()).cart().lines()).hasSize(products.size() + 2);
    }

    @Test
    void a_repeated_scan_is_one_read_and_writes_nothing() {
        Trips.Started trip = trips.start(store.id(), null, null);
        Trips.Scanned original = trips.scan(trip.tripId(), trip.token(), "r1", products.get(0), 2, null);

        StatementCounter.start();
        Trips.Scanned again = trips.scan(trip.tripId(), trip.token(), "r1", products.get(0), 2, null);

        List<Transaction> transactions = StatementCounter.transactions();
        assertThat(transactions).hasSize(1);
        assertThat(transactions.getFirst().statements()).hasSize(1);
        assertThat(again).isEqualTo(original);
        assertThat(version(trip.tripId())).isEqualTo(1);
    }

    @Test
    void a_refused_scan_rolls_back_and_changes_nothing() {
        Trips.Started trip = trips.start(store.id(), null, null);
        trips.scan(trip.tripId(), trip.token(), "ok", products.get(0), 98, null);

        assertThatThrownBy(() -> trips.scan(trip.tripId(), trip.token(), "too-many", products.get(0), 2, null))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUANTITY));

        assertThat(trips.view(trip.tripId(), trip.token()).cart().itemCount()).isEqualTo(98);
        assertThat(version(trip.tripId())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from trip_scan where trip_id = :t")
                        .param("t", trip.tripId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void the_stored_answer_is_the_line_and_does_not_grow_with_the_cart() {
        Trips.Started trip = trips.start(store.id(), null, null);
        List<Trips.Scanned> answers = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            answers.add(trips.scan(trip.tripId(), trip.token(), "g" + i, products.get(i), 1, null));
        }

        List<String> stored = jdbc.sql("select answer from trip_scan where trip_id = :t order by scanned_at, scan_id")
                .param("t", trip.tripId())
                .query(String.class)
                .list();
        assertThat(stored).hasSize(products.size());
        int firstLength = stored.getFirst().length();
        for (int i = 0; i < stored.size(); i++) {
            assertThat(stored.get(i))
                    .doesNotContain("cart")
                    .contains(answers.get(i).line().lineId());
            // one line's worth for every scan: "l1".."l12" and "Vara 0".."Vara 11" differ by a digit each
            assertThat(stored.get(i).length()).isBetween(firstLength, firstLength + 2);
        }
        assertThat(answers.getLast().cart().lines()).hasSize(products.size());
    }

    private Transaction scanned(Trips.Started trip, String scanId, String code) {
        StatementCounter.start();
        trips.scan(trip.tripId(), trip.token(), scanId, code, 1, null);
        List<Transaction> transactions = StatementCounter.transactions();
        assertThat(transactions).as("transactions of scan " + scanId).hasSize(1);
        return transactions.getFirst();
    }

    private int version(String tripId) {
        return jdbc.sql("select version from trip where id = :t")
                .param("t", tripId)
                .query(Integer.class)
                .single();
    }
}
