package se.skanna.web;

import static se.skanna.shared.Times.SWEDEN;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times and money as people read them, in Swedish local time: "14:05" today, "i går 22:10", "28 nov 09:00",
 * "3 jan 2025 09:00"; öre as "17,95 kr" and "−12,50 kr", never "−0,00 kr". The one home of these formats for
 * pages: templates call it as {@code ${@human.time(x)}} and {@code ${@human.money(ore)}}; browser code has the
 * same rules in {@code /js/human.js}.
 */
@Component("human")
public class HumanFormat {

    /** The chain's time zone: Swedish calendar days and clock times. */
    private static final Locale SV = Locale.forLanguageTag("sv-SE");

    private final Clock clock;

    public HumanFormat(Clock clock) {
        this.clock = clock;
    }

    /** An instant (or its ISO text, or an OffsetDateTime) in the page's language; empty for null or junk. */
    public String time(Object value) {
        return time(value, LocaleContextHolder.getLocale());
    }

    public String time(Object value, Locale locale) {
        Instant at = instant(value);
        if (at == null) {
            return "";
        }
        boolean english = "en".equals(locale.getLanguage());
        ZonedDateTime local = at.atZone(SWEDEN);
        LocalDate today = LocalDate.now(clock.withZone(SWEDEN));
        String clockTime = local.format(DateTimeFormatter.ofPattern("HH:mm"));
        LocalDate day = local.toLocalDate();
        if (day.equals(today)) {
            return clockTime;
        }
        if (day.equals(today.minusDays(1))) {
            return (english ? "yesterday " : "i går ") + clockTime;
        }
        Locale language = english ? Locale.ENGLISH : SV;
        String pattern = day.getYear() == today.getYear() ? "d MMM" : "d MMM yyyy";
        return local.format(DateTimeFormatter.ofPattern(pattern, language)).replace(".", "") + " " + clockTime;
    }

    /** Öre as kronor with two decimals and a real minus sign: 1795 → "17,95 kr", -1250 → "−12,50 kr". */
    public String money(long ore) {
        String sign = ore < 0 ? "\u2212" : "";
        long abs = Math.abs(ore);
        String kronor =
                String.format(SV, "%,d", abs / 100).replace('\u00a0', ' ').replace('\u202f', ' ');
        return sign + kronor + "," + String.format("%02d", abs % 100) + " kr";
    }

    /** Money taken back (a refund, a discount): shown with a minus unless it is nothing. */
    public String credit(long ore) {
        return ore == 0 ? money(0) : money(-Math.abs(ore));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof CharSequence text && !text.isEmpty()) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
