package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    static final ZoneId SWEDEN = se.skanna.shared.Times.SWEDEN;
    /** A Tuesday. */
    static final ZonedDateTime TUESDAY_NOON = ZonedDateTime.of(2026, 12, 1, 12, 0, 0, 0, SWEDEN);

    @Test
    void reads_the_door_sign_form_and_writes_it_back_the_same_way() {
        OpeningHours hours = OpeningHours.parse("Mon-Fri 8-21,  sat 09:00-19 , sun 10-19");

        assertThat(hours.text()).isEqualTo("mon-fri 08-21, sat 09-19, sun 10-19");
        assertThat(OpeningHours.parse(hours.text())).isEqualTo(hours);
        assertThat(OpeningHours.parse("mon-sun 07:30-23").text()).isEqualTo("mon-sun 07:30-23");
        assertThat(OpeningHours.parse("mon 08-20, tue 08-20").text()).isEqualTo("mon-tue 08-20");
    }

    @Test
    void knows_whether_the_store_is_open_and_when_it_closes() {
        OpeningHours hours = OpeningHours.parse("mon-fri 08-21, sat-sun 09-20");

        assertThat(hours.openAt(TUESDAY_NOON)).isTrue();
        assertThat(hours.closesAt(TUESDAY_NOON)).contains(LocalTime.of(21, 0));
        assertThat(hours.openAt(TUESDAY_NOON.withHour(21))).isFalse();
        assertThat(hours.openAt(TUESDAY_NOON.withHour(7))).isFalse();
        assertThat(OpeningHours.parse("mon-sun 06-24").closesAt(TUESDAY_NOON)).contains(LocalTime.MIDNIGHT);
        assertThat(OpeningHours.parse("mon-fri 08-21").openAt(TUESDAY_NOON.plusDays(5)))
                .as("Sunday")
                .isFalse();
    }

    @Test
    void shows_the_week_in_swedish_and_english_closed_days_included() {
        OpeningHours hours = OpeningHours.parse("mon-fri 08-21, sat 10-16");

        assertThat(hours.lines(Locale.forLanguageTag("sv")))
                .containsExactly(
                        new OpeningHours.Line("mån–fre", "08.00–21.00", false),
                        new OpeningHours.Line("lör", "10.00–16.00", false),
                        new OpeningHours.Line("sön", null, true));
        assertThat(hours.lines(Locale.ENGLISH).getFirst())
                .isEqualTo(new OpeningHours.Line("Mon–Fri", "08:00–21:00", false));
    }

    @Test
    void refuses_what_is_not_a_week_of_hours_with_a_reason() {
        assertThatThrownBy(() -> OpeningHours.parse("weekdays 8-21")).hasMessageContaining("mon-fri 08-21");
        assertThatThrownBy(() -> OpeningHours.parse("mon-fri 21-08")).hasMessageContaining("after opening");
        assertThatThrownBy(() -> OpeningHours.parse("mon-fri 08-25")).hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> OpeningHours.parse("mon-fri 08-21, fri 10-12"))
                .hasMessageContaining("fri is given twice");
        assertThatThrownBy(() -> OpeningHours.parse("sun-mon 08-21")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> OpeningHours.parse(" ")).hasMessageContaining("empty");
    }
}
