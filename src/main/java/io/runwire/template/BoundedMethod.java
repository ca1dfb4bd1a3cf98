package io.runwire.template;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * A method call from a template, within the render's budget: the deadline is checked first; calls that make large
 * results from small arguments ({@code "x".repeat(n)}, {@code concat}, {@code replace}, {@code format},
 * {@code BigInteger.pow}, {@code ArrayList.ensureCapacity}...) are refused before they run when their result could
 * not fit; what a call built (new text, a grown list or map) is charged after it; and the regular-expression methods
 * of String run over text that checks the deadline as it is read, so a backtracking pattern cannot hold the thread.
 */
final class BoundedMethod implements VelMethod {

    private static final Set<String> REGEX_METHODS = Set.of("matches", "replaceAll", "replaceFirst", "split");
    private static final Object NOT_HANDLED = new Object();

    private final VelMethod method;

    BoundedMethod(VelMethod method) {
        this.method = method;
    }

    @Override
    public Object invoke(Object receiver, Object[] arguments) throws IllegalAccessException, InvocationTargetException {
        RenderBudget budget = RenderBudget.current();
        budget.checkTime();
        String name = method.getMethodName();
        Object[] args = arguments == null ? new Object[0] : arguments;
        if (receiver instanceof String text && REGEX_METHODS.contains(name)) {
            Object result = regex(text, name, args, budget);
            if (result != NOT_HANDLED) {
                chargeBuilt(budget, result);
                return result;
            }
        }
        budget.checkWork(estimate(receiver, name, args, budget.remainingWork()));
        long sizeBefore = elements(receiver);
        Object result = method.invoke(receiver, args);
        if (receiver instanceof CharSequence || receiver instanceof Number || receiver instanceof TemplateFunctions) {
            chargeBuilt(budget, result);
        }
        long grown = elements(receiver) - sizeBefore;
        if (grown > 0) {
            budget.work(TextSize.times(grown, TemplateLimits.ELEMENT_UNITS));
        }
        return result;
    }

    @Override
    public boolean isCacheable() {
        return method.isCacheable();
    }

    @Override
    public String getMethodName() {
        return method.getMethodName();
    }

    @Override
    public Method getMethod() {
        return method.getMethod();
    }

    @Override
    public Class<?> getReturnType() {
        return method.getReturnType();
    }

    /** New text or numbers a call returned; what it hands back from its receiver's contents is not new. */
    private static void chargeBuilt(RenderBudget budget, Object result) {
        if (result instanceof CharSequence || result instanceof BigInteger || result instanceof BigDecimal
                || (result != null && result.getClass().isArray())) {
            budget.work(TextSize.of(result, budget.remainingWork()));
        }
    }

    private static long elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        return 0;
    }

    /** At most how large the result of this call is, for the calls whose result can outgrow their arguments. */
    static long estimate(Object receiver, String name, Object[] args, long limit) {
        if (receiver instanceof TemplateFunctions) {
            // $fn helpers turn their arguments into text: refused here when that text alone would not fit
            return TextSize.of(args, limit);
        }
        if ("toString".equals(name) && args.length == 0) {
            return TextSize.of(receiver, limit);
        }
        if (receiver instanceof String text) {
            return stringEstimate(text, name, args, limit);
        }
        if (receiver instanceof BigInteger number) {
            return bigIntegerEstimate(number, name, args, limit);
        }
        if (receiver instanceof BigDecimal number) {
            return bigDecimalEstimate(number, name, args, limit);
        }
        if (receiver instanceof ArrayList<?> && "ensureCapacity".equals(name)) {
            return TextSize.times(number(args, 0), TemplateLimits.ELEMENT_UNITS);
        }
        return 0;
    }

    private static long stringEstimate(String text, String name, Object[] args, long limit) {
        long length = text.length();
        return switch (name) {
            case "repeat" -> TextSize.times(length, number(args, 0));
            case "concat" -> TextSize.plus(length, TextSize.of(args, limit));
            case "replace" -> args.length == 2 && args[0] instanceof CharSequence target
                    ? replaceEstimate(length, target.length(), TextSize.of(args[1], limit)) : length;
            case "indent" -> TextSize.plus(length, TextSize.times(number(args, 0), length + 1));
            // static helpers reached through an instance: $s.format('%0999999999d', 1), $s.join(',', $list)
            case "format", "formatted" -> TextSize.plus(TextSize.plus(length, TextSize.of(args, limit)),
                    widths(name.equals("format") ? args : new Object[] {text}));
            case "join" -> TextSize.plus(TextSize.of(args, limit),
                    TextSize.times(args.length > 0 ? TextSize.of(args[0], limit) : 0, count(args)));
            case "valueOf", "copyValueOf" -> TextSize.of(args, limit);
            default -> 0;
        };
    }

    private static long replaceEstimate(long length, long target, long replacement) {
        long matches = target == 0 ? length + 1 : length / target;
        return TextSize.plus(length, TextSize.times(matches, replacement));
    }

    private static long bigIntegerEstimate(BigInteger number, String name, Object[] args, long limit) {
        long digits = TextSize.digits(number);
        return switch (name) {
            case "pow" -> TextSize.times(digits, number(args, 0));
            case "shiftLeft" -> TextSize.plus(digits, number(args, 0) / 3);
            case "multiply" -> TextSize.plus(digits, TextSize.of(args, limit));
            default -> 0;
        };
    }

    private static long bigDecimalEstimate(BigDecimal number, String name, Object[] args, long limit) {
        long digits = TextSize.of(number, limit);
        return switch (name) {
            case "pow" -> TextSize.times(digits, number(args, 0));
            case "setScale", "movePointLeft", "movePointRight", "scaleByPowerOfTen" ->
                    TextSize.plus(digits, Math.abs(signedNumber(args, 0)));
            case "multiply" -> TextSize.plus(digits, TextSize.of(args, limit));
            case "toPlainString" -> TextSize.plus(number.precision(), Math.abs((long) number.scale()));
            default -> 0;
        };
    }

    /** Widths and precisions in a format string, each taken as the text it may pad to. */
    private static long widths(Object[] args) {
        long total = 0;
        for (Object arg : args) {
            if (arg instanceof CharSequence format) {
                Matcher digits = Pattern.compile("\\d+").matcher(format);
                while (digits.find()) {
                    total = TextSize.plus(total, digits.group().length() > 18 ? Long.MAX_VALUE
                            : Long.parseLong(digits.group()));
                }
                return total;
            }
        }
        return total;
    }

    private static long count(Object[] args) {
        if (args.length == 2 && args[1] instanceof Collection<?> elements) {
            return elements.size();
        }
        if (args.length == 2 && args[1] instanceof Object[] elements) {
            return elements.length;
        }
        return Math.max(0, args.length - 1);
    }

    private static long number(Object[] args, int index) {
        return Math.max(0, signedNumber(args, index));
    }

    private static long signedNumber(Object[] args, int index) {
        if (index >= args.length) {
            return 0;
        }
        Object arg = args[index];
        if (arg instanceof Number number) {
            return number.longValue();
        }
        if (arg instanceof CharSequence text) {
            try {
                return Long.parseLong(text.toString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** String's regex methods, the same as String's own but over text that checks the deadline as it is read. */
    private static Object regex(String text, String name, Object[] args, RenderBudget budget) {
        if (args.length == 0 || !(args[0] instanceof String regex)) {
            return NOT_HANDLED;
        }
        CharSequence timed = new TimedText(text, budget);
        switch (name) {
            case "matches":
                return args.length == 1 ? Pattern.compile(regex).matcher(timed).matches() : NOT_HANDLED;
            case "split":
                if (args.length == 1) {
                    return Pattern.compile(regex).split(timed);
                }
                return args.length == 2 && args[1] instanceof Number limit
                        ? Pattern.compile(regex).split(timed, limit.intValue()) : NOT_HANDLED;
            case "replaceAll", "replaceFirst":
                if (args.length != 2 || !(args[1] instanceof String replacement)) {
                    return NOT_HANDLED;
                }
                return replace(Pattern.compile(regex).matcher(timed), text, replacement,
                        "replaceFirst".equals(name), budget);
            default:
                return NOT_HANDLED;
        }
    }

    private static String replace(Matcher matcher, String text, String replacement, boolean first,
                                  RenderBudget budget) {
        // each $n in the replacement may repeat the whole input
        long groupReferences = replacement.chars().filter(c -> c == '$').count();
        long perMatch = TextSize.plus(replacement.length(), TextSize.times(groupReferences, text.length()));
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            budget.checkWork(TextSize.plus(result.length(), TextSize.plus(perMatch, text.length())));
            matcher.appendReplacement(result, replacement);
            if (first) {
                break;
            }
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** Text that checks the deadline every few thousand characters read. */
    private record TimedText(String text, RenderBudget budget, int[] reads) implements CharSequence {

        TimedText(String text, RenderBudget budget) {
            this(text, budget, new int[1]);
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xFFF) == 0) {
                budget.checkTime();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
