package io.runwire.drill;

import io.runwire.drill.DrillOptions.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The reliability drill of issue 4, the execution engine's drills e and f and the workflows' g and h, from the command line
 * (bench/reliability-drill.sh):
 *
 * <pre>
 * ReliabilityDrill &lt;crash|replicas|backpressure|sigterm|slow|retry-after|a|b|c|d|e|f|all&gt; [triggers] [options]
 *                  [--runwire.x=y ...]
 *   --triggers=N      how many executions (defaults 500 / 1000 / 200 / 500; slow: 200 fast ones; retry-after: 1; workflows 100; age 200 incidents)
 *   --rate=R          triggers per second (0 = as fast as the client threads go)
 *   --threads=T       client threads sending triggers (8; retry-after 1)
 *   --latency=MIN-MAX the target's answer time in ms (50-200; backpressure 200-400; slow and retry-after 10)
 *   --timeout=S       seconds to wait for every execution to be final (300)
 *   --jar=PATH        the Runwire jar (target/runwire-0.1.0-SNAPSHOT.jar)
 *   --work=DIR        logs and data directories (target/drill)
 *   any other --name=value is passed on to Runwire as a property
 * </pre>
 *
 * Exits 0 when every must held, 1 when one was violated, 2 on a usage error.
 */
public final class ReliabilityDrill {

    private ReliabilityDrill() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            usage("no scenario given");
        }
        List<Scenario> scenarios = args[0].equalsIgnoreCase("all") ? List.of(Scenario.values())
                : List.of(parseScenario(args[0]));
        List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        if (!options.isEmpty() && options.get(0).matches("\\d+")) {
            options.set(0, "--triggers=" + options.get(0));
        }
        List<DrillReport> reports = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            DrillReport report = drill(scenario, options(scenario, options)).run();
            System.out.println();
            System.out.print(report.text());
            System.out.println();
            reports.add(report);
        }
        boolean passed = reports.stream().allMatch(DrillReport::passed);
        if (reports.size() > 1) {
            reports.forEach(report -> System.out.println((report.passed() ? "PASSED  " : "FAILED  ") + report.title()));
        }
        System.out.println("reliability drill: " + (passed ? "PASSED" : "FAILED"));
        System.exit(passed ? 0 : 1);
    }

    public static Drill drill(Scenario scenario, DrillOptions options) {
        return switch (scenario) {
            case CRASH -> InterruptedRunDrill.crash(options);
            case REPLICAS -> new TwoInstancesDrill(options);
            case BACKPRESSURE -> new BackPressureDrill(options);
            case SIGTERM -> InterruptedRunDrill.gracefulStop(options);
            case SLOW -> SlowHostDrill.full(options);
            case RETRY_AFTER -> RetryAfterDrill.full(options);
            case WORKFLOWS -> new WorkflowCrashDrill(options);
            case AGE -> new AgeTriggerDrill(options);
        };
    }

    static DrillOptions options(Scenario scenario, List<String> arguments) {
        Path jar = Path.of("target", "runwire-0.1.0-SNAPSHOT.jar");
        Path work = Path.of("target", "drill");
        for (String argument : arguments) {
            if (argument.startsWith("--jar=")) {
                jar = Path.of(value(argument));
            } else if (argument.startsWith("--work=")) {
                work = Path.of(value(argument));
            }
        }
        DrillOptions defaults = DrillOptions.defaults(scenario, jar, work);
        int triggers = defaults.triggers();
        int threads = defaults.clientThreads();
        double rate = defaults.triggersPerSecond();
        int latencyMin = defaults.latencyMinMs();
        int latencyMax = defaults.latencyMaxMs();
        Duration timeout = defaults.finalTimeout();
        List<String> runwire = new ArrayList<>();
        for (String argument : arguments) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            switch (name) {
                case "--jar", "--work" -> { }
                case "--triggers" -> triggers = Integer.parseInt(value(argument));
                case "--threads" -> threads = Integer.parseInt(value(argument));
                case "--rate" -> rate = Double.parseDouble(value(argument));
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value(argument)));
                case "--latency" -> {
                    String[] range = value(argument).split("-");
                    latencyMin = Integer.parseInt(range[0]);
                    latencyMax = Integer.parseInt(range[range.length - 1]);
                }
                default -> {
                    if (!argument.startsWith("--") || !argument.contains("=")) {
                        usage("unknown option " + argument);
                    }
                    runwire.add(argument);
                }
            }
        }
        if (!Files.isRegularFile(jar)) {
            usage("no Runwire jar at " + jar.toAbsolutePath() + " (mvn -B package -DskipTests)");
        }
        return new DrillOptions(jar, work, triggers, threads, rate, latencyMin, latencyMax,
                defaults.startTimeout(), timeout, runwire);
    }

    private static Scenario parseScenario(String text) {
        try {
            return Scenario.parse(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
            throw e;
        }
    }

    private static String value(String argument) {
        return argument.substring(argument.indexOf('=') + 1);
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ReliabilityDrill"
                + " <crash|replicas|backpressure|sigterm|slow|retry-after|workflows|age|a|b|c|d|e|f|g|h|all> [triggers]"
                + " [--triggers=N] [--rate=R] [--threads=T] [--latency=MIN-MAX] [--timeout=S] [--jar=PATH]"
                + " [--work=DIR] [--runwire.property=value ...]");
        System.exit(2);
    }
}
