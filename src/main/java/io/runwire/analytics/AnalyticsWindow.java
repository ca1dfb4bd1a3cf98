package io.runwire.analytics;

import io.runwire.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where an analytics window starts: {@code ?since=} as an ISO-8601 date-time with an offset
 * ({@code 2026-11-25T08:00:00Z}, {@code 2026-11-25T09:00:00+01:00}) or a date (midnight UTC), by default 7 days ago.
 */
@Component("analyticsWindow")
public class AnalyticsWindow {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final Clock clock;

    @Autowired
    public AnalyticsWindow() {
        this(Clock.systemUTC());
    }

    AnalyticsWindow(Clock clock) {
        this.clock = clock;
    }

    /** The start of the window as an ISO-8601 instant, or 400 saying what is accepted. */
    public String since(String text) {
        if (text == null || text.isBlank()) {
            return clock.instant().minus(DEFAULT_WINDOW).toString();
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
            } catch (DateTimeParseException notADate) {
                throw ApiException.badRequest("Invalid since", List.of("since: '" + shorten(value)
                        + "' is not an ISO-8601 date-time with an offset (2026-11-25T08:00:00Z) or a date (2026-11-25)"));
            }
        }
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
