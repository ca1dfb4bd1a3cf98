package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateFunctionsTest {

    private final TemplateFunctions fn = new TemplateFunctions();
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "\"quoted\"", "back\\slash", "new\nline\r\n", "tab\there", "bell\u0007nul\u0000",
            "é 日本 🚀", "</script><!--", "\u2028\u2029", ""})
    void jsonWritesAnyStringAsAJsonStringLiteral(String value) throws Exception {
        String json = fn.json(value);

        assertThat(json).startsWith("\"").endsWith("\"");
        assertThat(mapper.readTree(json).textValue()).isEqualTo(value);
    }

    @Test
    void jsonWritesMapsListsNumbersBooleansAndNull() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", List.of(1, 2.5, true));
        map.put("b", null);
        map.put("c", Map.of("d", "e\"f"));

        assertThat(fn.json(map)).isEqualTo("{\"a\":[1,2.5,true],\"b\":null,\"c\":{\"d\":\"e\\\"f\"}}");
        assertThat(fn.json(Arrays.asList("x", null))).isEqualTo("[\"x\",null]");
        assertThat(fn.json(42)).isEqualTo("42");
        assertThat(fn.json(false)).isEqualTo("false");
        assertThat(fn.json(null)).isEqualTo("null");
        assertThat(fn.json(Instant.parse("2024-05-01T09:30:00Z"))).isEqualTo("\"2024-05-01T09:30:00Z\"");
        assertThat(mapper.readTree(fn.json(map)).get("c").get("d").textValue()).isEqualTo("e\"f");
    }

    @Test
    void upperLowerAndShortIdTurnAnyValueIntoText() {
        assertThat(fn.upper("critical é")).isEqualTo("CRITICAL É");
        assertThat(fn.lower("HIGH")).isEqualTo("high");
        assertThat(fn.upper(3)).isEqualTo("3");
        assertThat(fn.shortId("5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")).isEqualTo("5f0c1a2b");
        assertThat(fn.shortId("abc")).isEqualTo("abc");
        assertThat(fn.upper(null)).isNull();
        assertThat(fn.lower(null)).isNull();
        assertThat(fn.shortId(null)).isNull();
    }

    @Test
    void dateAcceptsJavaTimeLegacyDatesAndIsoTextAndRendersInUtc() {
        String pattern = "yyyy-MM-dd HH:mm";
        Instant instant = Instant.parse("2024-05-01T09:30:00Z");

        assertThat(fn.date(instant, pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(OffsetDateTime.of(2024, 5, 1, 11, 30, 0, 0, ZoneOffset.ofHours(2)), pattern))
                .isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(ZonedDateTime.of(2024, 5, 1, 11, 30, 0, 0, ZoneId.of("Europe/Paris")), pattern))
                .isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(LocalDateTime.of(2024, 5, 1, 9, 30), pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(LocalDate.of(2024, 5, 1), pattern)).isEqualTo("2024-05-01 00:00");
        assertThat(fn.date(Date.from(instant), pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(Timestamp.from(instant), pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date(new java.sql.Date(instant.toEpochMilli()), pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date("2024-05-01T09:30:00Z", pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date("2024-05-01T11:30:00.123+02:00", pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date("2024-05-01T11:30:00+02:00[Europe/Paris]", pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date("2024-05-01T09:30:00", pattern)).isEqualTo("2024-05-01 09:30");
        assertThat(fn.date("2024-05-01", pattern)).isEqualTo("2024-05-01 00:00");
        assertThat(fn.date(instant, "EEE d MMM yyyy")).isEqualTo("Wed 1 May 2024");
    }

    @Test
    void dateWithoutPatternIsIsoInstantAndNullStaysNull() {
        assertThat(fn.date("2024-05-01T11:30:00+02:00")).isEqualTo("2024-05-01T09:30:00Z");
        assertThat(fn.date("2024-05-01T11:30:00+02:00", null)).isEqualTo("2024-05-01T09:30:00Z");
        assertThat(fn.date(null, "yyyy")).isNull();
        assertThat(fn.date(null)).isNull();
    }

    @Test
    void dateRefusesWhatIsNotADateWithoutQuotingIt() {
        // the value may be a secret parameter, and this message becomes the execution's error
        assertThatThrownBy(() -> fn.date("hunter2-pass", "yyyy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the text is not an ISO-8601 date or time");
        assertThatThrownBy(() -> fn.date(42, "yyyy")).hasMessage("a number is not a date or time");
        assertThatThrownBy(() -> fn.date("2024-05-01T09:30:00Z", "hunter2-pass {"))
                .hasMessage("the pattern is not a valid DateTimeFormatter pattern");
    }

    @Test
    void defaultGivesTheFallbackForNullOrBlankOnly() {
        assertThat(fn.defaultValue(null, "x")).isEqualTo("x");
        assertThat(fn.defaultValue("", "x")).isEqualTo("x");
        assertThat(fn.defaultValue("  \n", "x")).isEqualTo("x");
        assertThat(fn.defaultValue("v", "x")).isEqualTo("v");
        assertThat(fn.defaultValue(0, "x")).isEqualTo(0);
        assertThat(fn.defaultValue(false, "x")).isEqualTo(false);
        assertThat(fn.defaultValue(List.of(), "x")).isEqualTo(List.of());
    }
}
