package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HumanFormatTest {

    // 1 December 2026, 15:30 in Stockholm (UTC+1)
    private final HumanFormat human =
            new HumanFormat(Clock.fixed(Instant.parse("2026-12-01T14:30:00Z"), ZoneOffset.UTC));
    private final Locale sv = Locale.forLanguageTag("sv");

    @Test
    void times_read_as_swedish_local_time_relative_to_today() {
        assertThat(human.time(Instant.parse("2026-12-01T13:05:42.123456Z"), sv)).isEqualTo("14:05");
        assertThat(human.time("2026-11-30T21:10:00Z", sv)).isEqualTo("i går 22:10");
        assertThat(human.time("2026-11-30T21:10:00Z", Locale.ENGLISH)).isEqualTo("yesterday 22:10");
        assertThat(human.time("2026-07-28T07:00:00Z", sv)).isEqualTo("28 juli 09:00");
        assertThat(human.time("2025-01-03T08:00:00Z", Locale.ENGLISH)).isEqualTo("3 Jan 2025 09:00");
        // just after midnight in Stockholm is already the next day, though still the day before in UTC
        assertThat(human.time("2026-11-30T23:30:00Z", sv)).isEqualTo("00:30");
        assertThat(human.time(null, sv)).isEmpty();
        assertThat(human.time("not a time", sv)).isEmpty();
    }

    @Test
    void money_has_two_decimals_a_real_minus_and_never_a_negative_zero() {
        assertThat(human.money(1795)).isEqualTo("17,95 kr");
        assertThat(human.money(123456789)).isEqualTo("1 234 567,89 kr");
        assertThat(human.money(-1250)).isEqualTo("\u221212,50 kr");
        assertThat(human.money(-5)).isEqualTo("\u22120,05 kr");
        assertThat(human.credit(0)).isEqualTo("0,00 kr");
        assertThat(human.credit(1250)).isEqualTo("\u221212,50 kr");
    }
}
