package io.runwire.workflow;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides a field condition {@code {field, operator, value}} — of a workflow's trigger, or of a condition node —
 * against a context of plain JSON data (maps, lists, strings, numbers, booleans, null).
 *
 * <p>{@code field} is a dotted path into the context ({@code priority}, {@code incident.metadata.region}; a number
 * picks a list element). Operators:
 * <ul>
 *   <li>{@code equals}, {@code not_equals}: numbers compare by value ({@code 5} equals {@code 5.0}); other scalars by
 *   their text, so {@code "5"} equals {@code 5} and {@code "true"} equals {@code true}; objects and lists as JSON.
 *   A missing field equals nothing, so {@code not_equals} holds for it;</li>
 *   <li>{@code contains}: text containing the value's text, or a list holding an element that equals the value;</li>
 *   <li>{@code in}: the field equals an element of the value, a list (or a text of comma-separated items);</li>
 *   <li>{@code exists}: the field is present and not null; the value is not read.</li>
 * </ul>
 * Text comparisons are case-sensitive. An unknown operator or a blank field is refused, never quietly false.
 */
@Component("conditionEvaluator")
public class ConditionEvaluator {

    public enum Operator {
        EQUALS, NOT_EQUALS, CONTAINS, IN, EXISTS;

        static Operator of(String name) {
            for (Operator operator : values()) {
                if (name != null && operator.name().equalsIgnoreCase(name.trim())) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("Unknown condition operator '" + name + "' (known: "
                    + Arrays.stream(values()).map(o -> o.name().toLowerCase(Locale.ROOT)).toList() + ")");
        }
    }

    /** True when every condition holds (AND); no conditions at all hold. Each is a map {field, operator, value}. */
    public boolean matchesAll(Map<String, ?> context, List<? extends Map<String, ?>> conditions) {
        if (conditions == null) {
            return true;
        }
        for (Map<String, ?> condition : conditions) {
            Object field = condition.get("field");
            Object operator = condition.get("operator");
            if (!matches(context, field == null ? null : field.toString(),
                    operator == null ? null : operator.toString(), condition.get("value"))) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(Map<String, ?> context, String field, String operator, Object value) {
        Operator op = Operator.of(operator);
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A condition needs a field");
        }
        Optional<Object> actual = resolve(context, field.trim());
        return switch (op) {
            case EXISTS -> actual.isPresent();
            case EQUALS -> actual.isPresent() && same(actual.get(), value);
            case NOT_EQUALS -> actual.isEmpty() || !same(actual.get(), value);
            case CONTAINS -> actual.isPresent() && contains(actual.get(), value);
            case IN -> actual.isPresent() && items(value).stream().anyMatch(item -> same(actual.get(), item));
        };
    }

    /** The value at a dotted path; empty when a step is missing or the value is null. */
    static Optional<Object> resolve(Map<String, ?> context, String field) {
        Object current = context;
        for (String step : field.split("\\.", -1)) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("\\d{1,9}")) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return Optional.empty();
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    private static boolean same(Object actual, Object expected) {
        if (actual == null || expected == null) {
            return actual == expected;
        }
        if (actual instanceof Map<?, ?> || actual instanceof List<?> || expected instanceof Map<?, ?>
                || expected instanceof List<?>) {
            return actual.equals(expected);
        }
        BigDecimal left = number(actual);
        BigDecimal right = number(expected);
        if (left != null && right != null && (actual instanceof Number || expected instanceof Number)) {
            return left.compareTo(right) == 0;
        }
        return actual.toString().equals(expected.toString());
    }

    private static boolean contains(Object actual, Object expected) {
        if (actual instanceof List<?> list) {
            return list.stream().anyMatch(element -> same(element, expected));
        }
        if (actual instanceof Map<?, ?> || expected == null || expected instanceof Map<?, ?> || expected instanceof List<?>) {
            return false;
        }
        return actual.toString().contains(expected.toString());
    }

    private static List<?> items(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String text) {
            return Arrays.stream(text.split(",")).map(String::trim).toList();
        }
        return value == null ? List.of() : List.of(value);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
