package io.runwire.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $fn} in payload templates. Stateless and thread-safe; a null input gives null, which renders as nothing.
 * Velocity does not escape anything, so values placed inside JSON must go through {@link #json(Object)}.
 * A refusal is a {@link TemplateFunctionException} whose message never quotes the value given: that value may be a
 * secret parameter, and the message becomes the execution's error.
 */
public final class TemplateFunctions {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static final int SHORT_ID_LENGTH = 8;

    /** Any value as a JSON literal: a quoted, escaped string; an object; an array; a number; true/false; null. */
    public String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Jackson's message (and so its exception) can quote the value
            throw new TemplateFunctionException("cannot write a " + typeOf(value) + " as JSON");
        }
    }

    public String upper(Object value) {
        return value == null ? null : value.toString().toUpperCase(Locale.ROOT);
    }

    public String lower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    /** The first 8 characters of an id, as people quote it in chat. */
    public String shortId(Object id) {
        if (id == null) {
            return null;
        }
        String text = id.toString();
        return text.length() <= SHORT_ID_LENGTH ? text : text.substring(0, SHORT_ID_LENGTH);
    }

    /** ISO-8601 in UTC, e.g. {@code 2024-05-01T09:30:00Z}. */
    public String date(Object value) {
        Instant instant = instant(value);
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** A date, time or ISO-8601 text formatted in UTC with a {@link DateTimeFormatter} pattern. */
    public String date(Object value, String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return date(value);
        }
        Instant instant = instant(value);
        if (instant == null) {
            return null;
        }
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new TemplateFunctionException("the pattern is not a valid DateTimeFormatter pattern");
        }
        try {
            return formatter.format(instant);
        } catch (DateTimeException e) {
            throw new TemplateFunctionException("the pattern asks for a field an instant in UTC does not have");
        }
    }

    /** {@code $fn.default(value, fallback)} in templates: the fallback when the value is null or blank text. */
    public Object defaultValue(Object value, Object fallback) {
        boolean blank = value == null || (value instanceof CharSequence text && text.toString().isBlank());
        return blank ? fallback : value;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            // java.sql.Date and Time refuse toInstant(); their millis are exact
            return Instant.ofEpochMilli(date.getTime());
        }
        if (value instanceof TemporalAccessor temporal) {
            return fromTemporal(temporal);
        }
        if (value instanceof CharSequence text && !text.toString().isBlank()) {
            return parse(text.toString().trim());
        }
        throw new TemplateFunctionException("a " + typeOf(value) + " is not a date or time");
    }

    private static Instant fromTemporal(TemporalAccessor temporal) {
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (temporal instanceof LocalDate day) {
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw new TemplateFunctionException("a " + typeOf(temporal) + " is not a point in time");
    }

    private static Instant parse(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                    ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from);
            return fromTemporal(parsed);
        } catch (DateTimeParseException notDateTime) {
            try {
                return fromTemporal(LocalDate.parse(text));
            } catch (DateTimeParseException notDate) {
                throw new TemplateFunctionException("the text is not an ISO-8601 date or time");
            }
        }
    }

    /** What kind of value a template passed, never the value itself. */
    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "text";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof Iterable || value.getClass().isArray()) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }
}
