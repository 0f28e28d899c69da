package se.skanna.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimesTest {

    @Test
    void instants_go_to_the_database_at_utc_and_come_back_the_same() {
        Instant at = Instant.parse("2026-12-01T11:15:30.123456Z");

        OffsetDateTime parameter = Times.utc(at);

        assertThat(parameter.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(parameter.toString()).isEqualTo("2026-12-01T11:15:30.123456Z");
        assertThat(Times.instant(parameter)).isEqualTo(at);
        assertThat(Times.instant(OffsetDateTime.parse("2026-12-01T12:15:30.123456+01:00")))
                .isEqualTo(at);
    }

    @Test
    void null_stays_null_both_ways() {
        assertThat(Times.utc(null)).isNull();
        assertThat(Times.instant((OffsetDateTime) null)).isNull();
    }

    @Test
    void sweden_is_an_hour_ahead_of_utc_in_winter_and_two_in_summer() {
        assertThat(ZonedDateTime.ofInstant(Instant.parse("2026-12-01T11:00:00Z"), Times.SWEDEN)
                        .getHour())
                .isEqualTo(12);
        assertThat(ZonedDateTime.ofInstant(Instant.parse("2026-07-01T11:00:00Z"), Times.SWEDEN)
                        .getHour())
                .isEqualTo(13);
    }
}
