package io.runwire.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One answer of /actuator/prometheus, read as Prometheus reads the text format: series, their labels and values. */
public record PrometheusScrape(String text, List<Series> series) {

    public record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static PrometheusScrape parse(String text) {
        List<Series> series = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (matcher.group(2) != null) {
                Matcher label = LABEL.matcher(matcher.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.add(new Series(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
        }
        return new PrometheusScrape(text, series);
    }

    /** The series named {@code name} with every label of {@code labels} ("name", "value", ...). */
    public List<Series> find(String name, String... labels) {
        List<Series> found = new ArrayList<>();
        for (Series one : series) {
            if (one.name().equals(name) && hasLabels(one, labels)) {
                found.add(one);
            }
        }
        return found;
    }

    /** The sum of what {@link #find} finds; 0 when it finds nothing. */
    public double value(String name, String... labels) {
        return find(name, labels).stream().mapToDouble(Series::value).sum();
    }

    private static boolean hasLabels(Series series, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(series.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
