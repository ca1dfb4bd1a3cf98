package io.runwire.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a drill runs: the jar, where its logs and data go, how many triggers at which pace, the target's latency, how
 * long to wait, and any extra {@code --name=value} properties for Runwire (they win over the drill's own).
 */
public record DrillOptions(Path jar, Path workDirectory, int triggers, int clientThreads, double triggersPerSecond,
                           int latencyMinMs, int latencyMaxMs, Duration startTimeout, Duration finalTimeout,
                           List<String> runwireArguments) {

    public DrillOptions {
        runwireArguments = List.copyOf(runwireArguments);
    }

    /**
     * The issues' sizes: 500 triggers with a kill -9, 1,000 over two replicas, 200 into a queue of 10, 500 with a
     * SIGTERM; 200 fast executions behind a slow host (10 ms answers), one execution told Retry-After.
     */
    public static DrillOptions defaults(Scenario scenario, Path jar, Path workDirectory) {
        return switch (scenario) {
            case CRASH, SIGTERM -> new DrillOptions(jar, workDirectory, 500, 8, 100, 50, 200,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case REPLICAS -> new DrillOptions(jar, workDirectory, 1000, 8, 0, 50, 200,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case BACKPRESSURE -> new DrillOptions(jar, workDirectory, 200, 8, 0, 200, 400,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case SLOW -> new DrillOptions(jar, workDirectory, 200, 8, 0, 10, 10,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case RETRY_AFTER -> new DrillOptions(jar, workDirectory, 1, 1, 0, 10, 10,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case WORKFLOWS -> new DrillOptions(jar, workDirectory, 100, 1, 0, 50, 200,
                    Duration.ofMinutes(2), Duration.ofMinutes(5), List.of());
            case AGE -> new DrillOptions(jar, workDirectory, 200, 1, 0, 10, 10,
                    Duration.ofMinutes(2), Duration.ofMinutes(2), List.of());
        };
    }

    public DrillOptions withTriggers(int count) {
        return new DrillOptions(jar, workDirectory, count, clientThreads, triggersPerSecond, latencyMinMs,
                latencyMaxMs, startTimeout, finalTimeout, runwireArguments);
    }

    public DrillOptions withFinalTimeout(Duration timeout) {
        return new DrillOptions(jar, workDirectory, triggers, clientThreads, triggersPerSecond, latencyMinMs,
                latencyMaxMs, startTimeout, timeout, runwireArguments);
    }

    public DrillOptions withRunwireArguments(List<String> arguments) {
        return new DrillOptions(jar, workDirectory, triggers, clientThreads, triggersPerSecond, latencyMinMs,
                latencyMaxMs, startTimeout, finalTimeout, arguments);
    }

    /** The drill's own {@code --name=value} settings, each unless the user's extra arguments set the same name. */
    public List<String> runwireArgumentsOver(List<String> drillDefaults) {
        List<String> arguments = new ArrayList<>();
        for (String setting : drillDefaults) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            if (runwireArguments.stream().noneMatch(extra -> extra.startsWith(name))) {
                arguments.add(setting);
            }
        }
        arguments.addAll(runwireArguments);
        return arguments;
    }

    /** The four drills of issue 4, the two of the execution engine's issue (e and f), the workflows issue's (g). */
    public enum Scenario {
        CRASH("crash", "a"), REPLICAS("replicas", "b"), BACKPRESSURE("backpressure", "c"), SIGTERM("sigterm", "d"),
        SLOW("slow", "e"), RETRY_AFTER("retry-after", "f"), WORKFLOWS("workflows", "g"), AGE("age", "h");

        private final String word;
        private final String letter;

        Scenario(String word, String letter) {
            this.word = word;
            this.letter = letter;
        }

        public static Scenario parse(String text) {
            for (Scenario scenario : values()) {
                if (scenario.letter.equalsIgnoreCase(text) || scenario.word.equalsIgnoreCase(text)
                        || scenario.name().equalsIgnoreCase(text)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + text + "': crash|a, replicas|b, backpressure|c,"
                    + " sigterm|d, slow|e, retry-after|f, workflows|g, all");
        }
    }
}
