package io.runwire.template;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * About how many characters a value becomes as text ({@code toString}, as Velocity renders it), counted before that
 * text exists. Stops counting once past {@code limit}, so sizing a huge value costs no more than the limit.
 */
final class TextSize {

    private static final int MAX_DEPTH = 32;
    private static final int OTHER = 16;

    private TextSize() {
    }

    static long of(Object value, long limit) {
        return of(value, limit, 0);
    }

    static long of(Object[] values, long limit) {
        long total = 0;
        for (Object value : values) {
            total = plus(total, of(value, limit - total));
            if (total > limit) {
                break;
            }
        }
        return total;
    }

    static long digits(BigInteger number) {
        return (long) (number.bitLength() * 0.30103) + 2;
    }

    static long plus(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long times(long a, long b) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long of(Object value, long limit, int depth) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof BigInteger number) {
            return digits(number);
        }
        if (value instanceof BigDecimal number) {
            return plus(number.precision(), Math.abs((long) number.scale())) + 2;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Long.toString(((Number) value).longValue()).length();
        }
        if (value instanceof Number) {
            return 24;
        }
        if (value instanceof Boolean || value instanceof Character) {
            return 5;
        }
        if (depth >= MAX_DEPTH) {
            // a cycle, or nesting no payload needs: too big to print either way
            return Long.MAX_VALUE;
        }
        if (value instanceof Map<?, ?> map) {
            long total = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                total = plus(total, 3 + of(entry.getKey(), limit, depth + 1));
                total = plus(total, of(entry.getValue(), limit, depth + 1));
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
        if (value instanceof Collection<?> collection) {
            long total = 2;
            for (Object element : collection) {
                total = plus(total, 2 + of(element, limit, depth + 1));
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            if (!(value instanceof Object[] elements)) {
                return value instanceof char[] ? length : times(length, 4);
            }
            long total = 2;
            for (Object element : elements) {
                total = plus(total, 2 + of(element, limit, depth + 1));
                if (total > limit) {
                    return total;
                }
            }
            return total;
        }
        // $fn, Velocity's own scopes and #define blocks (which render through the guarded nodes themselves)
        return OTHER;
    }
}
