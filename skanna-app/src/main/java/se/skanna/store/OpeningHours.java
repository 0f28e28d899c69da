package se.skanna.store;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store's weekly opening hours, written as people write them on the door: groups of days with one opening
 * each, separated by commas, e.g. {@code "mon-fri 07-22, sat 08-20, sun 10-18"} or {@code "mon-sun 07:30-23"};
 * {@code "sun closed"} says so, and a day left out is closed. Days are {@code mon tue wed thu fri sat sun}, hours
 * {@code HH} or {@code HH:MM}, closing after opening and at most {@code 24}. Each day at most once.
 */
public final class OpeningHours {

    public static final int MAX_LENGTH = 200;
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    private static final String[] SV_DAYS = {"mån", "tis", "ons", "tor", "fre", "lör", "sön"};
    private static final String[] EN_DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final Pattern GROUP =
            Pattern.compile("(mon|tue|wed|thu|fri|sat|sun)(?:\\s*-\\s*(mon|tue|wed|thu|fri|sat|sun))?\\s+"
                    + "(?:(closed)|(\\d{1,2})(?::(\\d{2}))?\\s*-\\s*(\\d{1,2})(?::(\\d{2}))?)");

    /** Opening and closing as minutes after midnight (closing may be 1440). */
    private record Span(int opens, int closes) {}

    /** One line of the door sign: a run of days with the same hours. */
    public record Line(String days, String hours, boolean closed) {}

    private final Map<DayOfWeek, Span> byDay;
    private final String text;

    private OpeningHours(Map<DayOfWeek, Span> byDay, String text) {
        this.byDay = byDay;
        this.text = text;
    }

    /** Reads the weekly form; anything else is an {@link IllegalArgumentException} that says what is wrong. */
    public static OpeningHours parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Opening hours are empty.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Opening hours may have at most " + MAX_LENGTH + " characters.");
        }
        Map<DayOfWeek, Span> byDay = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, Boolean> closed = new EnumMap<>(DayOfWeek.class);
        for (String part : value.strip().toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            Matcher m = GROUP.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + part.strip()
                        + "\" is not like \"mon-fri 08-21\" or \"sun closed\" (days mon tue wed thu fri sat sun).");
            }
            int first = day(m.group(1));
            int last = m.group(2) == null ? first : day(m.group(2));
            if (last < first) {
                throw new IllegalArgumentException("\"" + part.strip() + "\": the days run backwards.");
            }
            Span span = null;
            if (m.group(3) == null) {
                int opens = minutes(m.group(4), m.group(5), part);
                int closes = minutes(m.group(6), m.group(7), part);
                if (closes <= opens) {
                    throw new IllegalArgumentException("\"" + part.strip() + "\": closing must come after opening.");
                }
                span = new Span(opens, closes);
            }
            for (int d = first; d <= last; d++) {
                DayOfWeek day = DayOfWeek.of(d + 1);
                if (byDay.containsKey(day) || closed.containsKey(day)) {
                    throw new IllegalArgumentException(DAYS[d] + " is given twice.");
                }
                if (span == null) {
                    closed.put(day, true);
                } else {
                    byDay.put(day, span);
                }
            }
        }
        return new OpeningHours(byDay, format(byDay));
    }

    /** The hours in their normal written form ("mon-fri 08-21, sat-sun 09-20"), the same for equal hours. */
    public String text() {
        return text;
    }

    /** Whether the store is open at that moment (in the store's own time zone). */
    public boolean openAt(ZonedDateTime at) {
        Span span = byDay.get(at.getDayOfWeek());
        int minute = at.getHour() * 60 + at.getMinute();
        return span != null && minute >= span.opens() && minute < span.closes();
    }

    /** When it closes today, if it is open at that moment. */
    public Optional<LocalTime> closesAt(ZonedDateTime at) {
        if (!openAt(at)) {
            return Optional.empty();
        }
        int closes = byDay.get(at.getDayOfWeek()).closes();
        return Optional.of(closes >= 24 * 60 ? LocalTime.MIDNIGHT : LocalTime.of(closes / 60, closes % 60));
    }

    /** The door sign in Swedish or English: runs of days with the same hours, closed days included. */
    public List<Line> lines(Locale locale) {
        boolean english = locale != null && "en".equals(locale.getLanguage());
        String[] names = english ? EN_DAYS : SV_DAYS;
        List<Line> lines = new ArrayList<>();
        int d = 0;
        while (d < 7) {
            Span span = byDay.get(DayOfWeek.of(d + 1));
            int end = d;
            while (end + 1 < 7 && java.util.Objects.equals(byDay.get(DayOfWeek.of(end + 2)), span)) {
                end++;
            }
            String days = end == d ? names[d] : names[d] + "–" + names[end];
            lines.add(
                    span == null
                            ? new Line(days, null, true)
                            : new Line(
                                    days, clock(span.opens(), english) + "–" + clock(span.closes(), english), false));
            d = end + 1;
        }
        return lines;
    }

    private static String format(Map<DayOfWeek, Span> byDay) {
        List<String> groups = new ArrayList<>();
        int d = 0;
        while (d < 7) {
            Span span = byDay.get(DayOfWeek.of(d + 1));
            int end = d;
            while (end + 1 < 7 && java.util.Objects.equals(byDay.get(DayOfWeek.of(end + 2)), span)) {
                end++;
            }
            if (span != null) {
                groups.add((end == d ? DAYS[d] : DAYS[d] + "-" + DAYS[end]) + " " + shortTime(span.opens()) + "-"
                        + shortTime(span.closes()));
            }
            d = end + 1;
        }
        return groups.isEmpty() ? "mon-sun closed" : String.join(", ", groups);
    }

    private static String shortTime(int minutes) {
        return minutes % 60 == 0 ? "%02d".formatted(minutes / 60) : "%02d:%02d".formatted(minutes / 60, minutes % 60);
    }

    /** Swedish writes 08.00, English 08:00. */
    private static String clock(int minutes, boolean english) {
        return (english ? "%02d:%02d" : "%02d.%02d").formatted(minutes / 60, minutes % 60);
    }

    private static int day(String name) {
        for (int i = 0; i < DAYS.length; i++) {
            if (DAYS[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static int minutes(String hours, String minutes, String part) {
        int h = Integer.parseInt(hours);
        int m = minutes == null ? 0 : Integer.parseInt(minutes);
        if (h > 24 || m > 59 || (h == 24 && m > 0)) {
            throw new IllegalArgumentException("\"" + part.strip() + "\": " + hours
                    + (minutes == null ? "" : ":" + minutes) + " is not a time of day.");
        }
        return h * 60 + m;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpeningHours hours && hours.byDay.equals(byDay);
    }

    @Override
    public int hashCode() {
        return byDay.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
