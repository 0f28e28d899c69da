package se.skanna.trip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.trip.Trip.Status;

/** The trip's rules without Spring or a database: its status moves and how its cart lines change. */
class TripTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration IDLE = Duration.ofHours(2);

    private final Trip trip = Trip.open("t-1", "s1", null, "hash", T0);

    @Test
    void the_allowed_moves_are_open_paying_paid_and_back_to_open() {
        assertThat(allowed(Status.OPEN)).containsExactlyInAnyOrder(Status.PAYING, Status.CANCELLED, Status.EXPIRED);
        assertThat(allowed(Status.PAYING)).containsExactlyInAnyOrder(Status.OPEN, Status.PAID);
        assertThat(allowed(Status.PAID)).isEmpty();
        assertThat(allowed(Status.EXPIRED)).isEmpty();
        assertThat(allowed(Status.CANCELLED)).isEmpty();
    }

    @Test
    void a_trip_goes_through_checkout_and_back() {
        Trip paying = trip.moveTo(Status.PAYING);
        Trip reopened = paying.moveTo(Status.OPEN);
        Trip paid = reopened.moveTo(Status.PAYING).moveTo(Status.PAID);

        assertThat(paying.status()).isEqualTo(Status.PAYING);
        assertThat(reopened.status()).isEqualTo(Status.OPEN);
        assertThat(paid.status()).isEqualTo(Status.PAID);
        assertThat(trip.status()).as("the trip itself does not change").isEqualTo(Status.OPEN);
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.class,
            names = {"PAYING", "PAID", "EXPIRED", "CANCELLED"})
    void only_an_open_trip_may_start_paying_and_the_refusal_is_trip_not_open(Status from) {
        assertThatThrownBy(() -> from.requireMoveTo(Status.PAYING, "t-1"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TRIP_NOT_OPEN);
                    assertThat(e.getMessage()).contains(from.name());
                });
    }

    @Test
    void a_paid_trip_is_final_and_an_open_trip_cannot_jump_to_paid() {
        Trip paid = trip.moveTo(Status.PAYING).moveTo(Status.PAID);

        for (Status next : Status.values()) {
            assertThatThrownBy(() -> paid.moveTo(next))
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.code()).isIn(ErrorCode.TRIP_STATE_CONFLICT, ErrorCode.TRIP_NOT_OPEN));
        }
        assertThatThrownBy(() -> trip.moveTo(Status.PAID))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRIP_STATE_CONFLICT));
        assertThatThrownBy(() -> trip.moveTo(Status.OPEN))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRIP_STATE_CONFLICT));
    }

    @Test
    void an_open_trip_idle_past_the_timeout_is_expired_and_refuses_changes() {
        Instant late = T0.plus(IDLE).plusSeconds(1);

        assertThat(trip.effectiveStatus(T0.plus(IDLE), IDLE)).isEqualTo(Status.OPEN);
        assertThat(trip.effectiveStatus(late, IDLE)).isEqualTo(Status.EXPIRED);
        assertThat(trip.moveTo(Status.PAYING).effectiveStatus(late, IDLE)).isEqualTo(Status.PAYING);
        assertThat(trip.asSeenAt(late, IDLE).status()).isEqualTo(Status.EXPIRED);
        assertThat(trip.asSeenAt(T0, IDLE)).isSameAs(trip);
        assertThatThrownBy(() -> trip.requireOpen(late, IDLE)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TRIP_NOT_OPEN);
            assertThat(e.getMessage()).contains("120 idle minutes");
        });
        assertThatThrownBy(() -> trip.moveTo(Status.PAYING).requireOpen(T0, IDLE))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TRIP_NOT_OPEN));
    }

    @Test
    void countable_items_of_one_price_merge_into_one_line_and_a_new_price_starts_another() {
        Trip.Added first = trip.add(item("7310865004703", 1795), 1, T0.plusSeconds(1));
        Trip.Added second = first.trip().add(item("7310865004703", 1795), 2, T0.plusSeconds(2));
        Trip.Added repriced = second.trip().add(item("7310865004703", 1695), 1, T0.plusSeconds(3));

        assertThat(first.newLine()).isTrue();
        assertThat(first.line().lineId()).isEqualTo("l1");
        assertThat(second.newLine()).isFalse();
        assertThat(second.line().lineId()).isEqualTo("l1");
        assertThat(second.line().quantity()).isEqualTo(3);
        assertThat(repriced.newLine()).isTrue();
        assertThat(repriced.line().lineId()).isEqualTo("l2");
        assertThat(repriced.trip().lines()).extracting(Trip.Line::quantity).containsExactly(3, 1);
        assertThat(repriced.trip().nextLine()).isEqualTo(3);
        assertThat(repriced.trip().lastActivityAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(trip.lines()).as("the trip itself does not change").isEmpty();
    }

    @Test
    void a_weighed_piece_is_a_line_of_its_own_and_is_scanned_one_at_a_time() {
        Trip.Line piece = weighed("2300000112504", 500L, 6950L);
        Trip.Added one = trip.add(piece, 1, T0);
        Trip.Added two = one.trip().add(piece, 1, T0);

        assertThat(two.trip().lines()).hasSize(2);
        assertThat(two.trip().lines()).extracting(Trip.Line::amount).containsExactly(6950L, 6950L);
        assertThatThrownBy(() -> trip.add(piece, 2, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void a_line_holds_at_most_99_and_a_refused_scan_changes_nothing() {
        Trip full = trip.add(item("7310865004703", 1795), 98, T0).trip();

        assertThatThrownBy(() -> full.add(item("7310865004703", 1795), 2, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUANTITY));
        assertThatThrownBy(() -> trip.add(item("7310865004703", 1795), 0, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUANTITY));
        assertThat(full.add(item("7310865004703", 1795), 1, T0).line().quantity())
                .isEqualTo(99);
        assertThat(full.lines().getFirst().quantity()).isEqualTo(98);
    }

    @Test
    void quantities_change_zero_removes_and_unknown_lines_or_pieces_are_refused() {
        Trip cart = trip.add(item("7310865004703", 1795), 1, T0)
                .trip()
                .add(weighed("2300000112504", 500L, 6950L), 1, T0)
                .trip();

        Trip three = cart.withQuantity("l1", 3, T0.plusSeconds(5));
        Trip removed = three.withQuantity("l1", 0, T0.plusSeconds(6));

        assertThat(three.line("l1").orElseThrow().quantity()).isEqualTo(3);
        assertThat(three.lastActivityAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(removed.lines()).extracting(Trip.Line::lineId).containsExactly("l2");
        assertThat(removed.nextLine()).as("line ids are never reused").isEqualTo(3);
        assertThatThrownBy(() -> cart.withQuantity("l9", 1, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LINE_NOT_FOUND));
        assertThatThrownBy(() -> cart.withQuantity("l2", 2, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> cart.withQuantity("l1", 100, T0))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUANTITY));
    }

    @Test
    void an_age_check_approves_the_restricted_lines_there_are_and_a_later_one_waits_again() {
        Trip withSnus = trip.add(restricted("7311250004360"), 1, T0)
                .trip()
                .add(item("7310865004703", 1795), 1, T0)
                .trip();

        Trip approved = withSnus.approveAgeRestricted("staff-1");
        Trip more = approved.add(restricted("7311250004360"), 1, T0).trip();
        Trip another = approved.add(restricted("7311250009999"), 1, T0).trip();

        assertThat(withSnus.agePending()).isEqualTo(1);
        assertThat(approved.agePending()).isZero();
        assertThat(approved.line("l1").orElseThrow().ageApprovedBy()).isEqualTo("staff-1");
        assertThat(approved.line("l2").orElseThrow().ageApprovedBy()).isNull();
        assertThat(more.agePending())
                .as("more of an approved line stays approved")
                .isZero();
        assertThat(another.agePending()).isEqualTo(1);
    }

    @Test
    void lines_survive_their_storage_form() {
        Trip cart = trip.add(restricted("7311250004360"), 2, T0)
                .trip()
                .add(weighed("2300000112504", 500L, 6950L), 1, T0)
                .trip()
                .approveAgeRestricted("staff-1");

        assertThat(TripLines.decode(TripLines.encode(cart.lines()))).isEqualTo(cart.lines());
        assertThat(TripLines.decode("[]")).isEmpty();
    }

    private static Set<Status> allowed(Status from) {
        Set<Status> allowed = EnumSet.noneOf(Status.class);
        for (Status next : Status.values()) {
            if (from.canMoveTo(next)) {
                allowed.add(next);
            }
        }
        return allowed;
    }

    private static Trip.Line item(String gtin, long price) {
        return new Trip.Line(null, 0, gtin, gtin, "Vara " + gtin, 1, null, price, null, false, 0, 12, null, null);
    }

    private static Trip.Line weighed(String code, Long grams, Long amount) {
        return new Trip.Line(
                null, 0, code, "2300000100007", "Prästost", 1, grams, 13900, amount, true, 0, 12, null, null);
    }

    private static Trip.Line restricted(String gtin) {
        return new Trip.Line(null, 0, gtin, gtin, "Snus", 1, null, 5500, null, false, 0, 25, 18, null);
    }
}
