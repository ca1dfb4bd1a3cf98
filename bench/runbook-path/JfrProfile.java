import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Runwire's CPU goes, from a Flight Recorder recording of the benchmark: hot methods (self time), the route
 * step and the library each sample was in, inclusive time of Runwire's and Camel's own frames, allocation sites.
 *
 * <p>Usage: {@code java JfrProfile.java <recording.jfr> [completions during the recording]}
 */
public class JfrProfile {

    /** JDK frames are charged to the first non-JDK frame under them: it is what asked for the work. */
    private static final Pattern JDK = Pattern.compile("^(java|javax|jdk|sun|com\\.sun)\\..*");

    /** Library of a (non-JDK) frame, first match wins. */
    private static final String[][] LIBRARIES = {
            {"org.postgresql.", "pgjdbc (PostgreSQL driver)"},
            {"com.zaxxer.hikari.", "HikariCP"},
            {"org.springframework.jdbc.", "spring-jdbc"},
            {"org.apache.camel.component.sql.", "camel-sql"},
            {"org.apache.camel.impl.converter.", "camel type converters"},
            {"org.apache.camel.converter.", "camel type converters"},
            {"org.apache.camel.support.TypeConverter", "camel type converters"},
            {"org.apache.camel.support.ObjectHelper", "camel ObjectHelper"},
            {"org.apache.camel.component.bean.", "camel-bean (BeanInfo, method invocation)"},
            {"org.apache.camel.language.bean.", "camel-bean (BeanInfo, method invocation)"},
            {"org.apache.camel.support.language.", "camel languages (expression parsing)"},
            {"org.apache.camel.language.simple.", "camel simple language"},
            {"org.apache.camel.language.", "camel other languages"},
            {"org.apache.camel.component.velocity.", "velocity (camel-velocity + engine)"},
            {"org.apache.velocity.", "velocity (camel-velocity + engine)"},
            {"org.apache.camel.component.http.", "camel-http + Apache HttpClient 5"},
            {"org.apache.hc.", "camel-http + Apache HttpClient 5"},
            {"org.apache.camel.component.seda.", "camel-seda"},
            {"org.apache.camel.component.platform.http.", "camel platform-http / REST binding"},
            {"org.apache.camel.component.rest.", "camel platform-http / REST binding"},
            {"org.apache.camel.support.processor.Rest", "camel platform-http / REST binding"},
            {"org.apache.camel.component.jackson.", "jackson"},
            {"com.fasterxml.jackson.", "jackson"},
            {"com.networknt.", "json-schema-validator"},
            {"org.apache.camel.", "camel core (routing engine, exchanges, EIPs)"},
            {"io.runwire.", "runwire beans"},
            {"org.apache.tomcat.", "tomcat"},
            {"org.apache.catalina.", "tomcat"},
            {"org.apache.coyote.", "tomcat"},
            {"org.springframework.", "spring (web, beans, other)"},
            {"ch.qos.logback.", "logging"},
            {"org.slf4j.", "logging"},
            {"org.apache.logging.", "logging"},
            {"org.flywaydb.", "flyway"},
    };

    /** Route-step frames: the innermost one in a stack says which step of a route (or which layer) was running. */
    private static final String[][] STEPS = {
            {"org.apache.camel.component.sql.SqlProducer", "sql: (statement + parameters)"},
            {"org.apache.camel.component.velocity.VelocityEndpoint", "velocity: (render)"},
            {"org.apache.camel.component.http.HttpProducer", "http: (call the target)"},
            {"org.apache.camel.component.seda.SedaProducer", "seda: (enqueue)"},
            {"org.apache.camel.component.seda.SedaConsumer", "seda consumer (dequeue, copy)"},
            {"org.apache.camel.language.bean.BeanExpression", "method: expression (setVariable/setBody/setHeader)"},
            {"org.apache.camel.component.bean.AbstractBeanProcessor", "bean: step"},
            {"org.apache.camel.component.bean.BeanProcessor", "bean: step"},
            {"org.apache.camel.component.bean.BeanProducer", "bean: step"},
            {"org.apache.camel.processor.FilterProcessor", "filter"},
            {"org.apache.camel.processor.ChoiceProcessor", "choice"},
            {"org.apache.camel.processor.RemoveHeadersProcessor", "removeHeaders"},
            {"org.apache.camel.processor.RemovePropertiesProcessor", "removeProperties"},
            {"org.apache.camel.processor.RemoveVariableProcessor", "removeVariable"},
            {"org.apache.camel.processor.SetVariableProcessor", "setVariable (simple/constant)"},
            {"org.apache.camel.processor.SetHeaderProcessor", "setHeader (simple/constant)"},
            {"org.apache.camel.processor.SetBodyProcessor", "setBody (simple/constant)"},
            {"org.apache.camel.processor.SendDynamicProcessor", "toD (resolve endpoint)"},
            {"org.apache.camel.processor.ThrowExceptionProcessor", "throwException"},
            {"org.apache.camel.processor.TryProcessor", "doTry"},
            {"org.apache.camel.processor.FinallyProcessor", "doFinally"},
            {"org.apache.camel.processor.", "other EIP processor"},
            {"org.apache.camel.support.processor.RestBinding", "REST binding (JSON in/out)"},
            {"org.apache.camel.component.platform.http.", "platform-http consumer (request -> exchange -> response)"},
            {"org.apache.camel.impl.engine.", "camel engine (exchange, routing)"},
            {"io.runwire.api.ApiGateFilter", "ApiGateFilter (auth, body checks)"},
            {"org.springframework.web.", "spring mvc / filters"},
            {"org.apache.catalina.", "tomcat"},
            {"org.apache.coyote.", "tomcat"},
            {"org.apache.tomcat.", "tomcat"},
    };

    /** Frames on nearly every stack of a route: left out of the inclusive table, which is about the steps. */
    private static final Pattern PLUMBING = Pattern.compile(
            "org\\.apache\\.camel\\.(processor\\.(Pipeline|errorhandler|Send(Processor|DynamicProcessor)\\b|"
                    + "ChoiceProcessor|FilterProcessor|TryProcessor|FinallyProcessor|CatchProcessor|DelegateAsync)"
                    + "|impl\\.engine\\.(CamelInternalProcessor|DefaultReactiveExecutor|SharedCamelInternalProcessor|"
                    + "DefaultAsyncProcessorAwaitManager|AbstractCamelContext)|support\\.(AsyncProcessorSupport|"
                    + "AsyncProcessorConverterHelper|cache\\.DefaultProducerCache|DefaultConsumer)"
                    + "|component\\.direct|component\\.seda\\.SedaConsumer|component\\.platform\\.http|spring\\.).*"
                    + "|.*\\$\\$Lambda.*");

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrProfile.java <recording.jfr> [completions]");
            System.exit(2);
        }
        long completions = args.length > 1 ? Long.parseLong(args[1]) : 0;
        Map<String, Long> self = new HashMap<>();
        Map<String, Map<String, Long>> selfUnder = new HashMap<>();
        Map<String, Long> library = new HashMap<>();
        Map<String, Long> step = new HashMap<>();
        Map<String, Long> stepLibrary = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        long samples = 0;
        long allocatedBytes = 0;
        double cpuJvm = 0;
        double cpuMachine = 0;
        int cpuEvents = 0;
        double gcPauseMs = 0;
        int gcs = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace trace = event.getStackTrace();
                        if (trace == null || trace.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        long t = event.getStartTime().toEpochMilli();
                        first = Math.min(first, t);
                        last = Math.max(last, t);
                        List<String> frames = names(trace);
                        String thread = event.getThread("sampledThread") == null ? "?"
                                : event.getThread("sampledThread").getJavaName();
                        add(threads, role(thread));
                        String top = frames.get(0);
                        add(self, top);
                        String caller = firstNonJdk(frames);
                        selfUnder.computeIfAbsent(top, k -> new HashMap<>()).merge(caller, 1L, Long::sum);
                        String lib = caller == null ? "JDK only" : lookup(LIBRARIES, caller, "other: " + pkg(caller));
                        add(library, lib);
                        String s = innermost(frames);
                        add(step, role(thread) + " | " + s);
                        add(stepLibrary, s + "  >  " + lib);
                        Set<String> seen = new HashSet<>();
                        for (String f : frames) {
                            if ((f.startsWith("io.runwire.") || f.startsWith("org.apache.camel."))
                                    && !PLUMBING.matcher(f).matches() && seen.add(f)) {
                                add(inclusive, f);
                            }
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long weight = event.getLong("weight");
                        allocatedBytes += weight;
                        RecordedStackTrace trace = event.getStackTrace();
                        String site = trace == null ? null : firstNonJdk(names(trace));
                        allocation.merge(site == null ? "JDK only" : site, weight, Long::sum);
                    }
                    case "jdk.CPULoad" -> {
                        cpuJvm += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        cpuMachine += event.getFloat("machineTotal");
                        cpuEvents++;
                    }
                    case "jdk.GarbageCollection" -> {
                        gcPauseMs += event.getDuration("sumOfPauses").toNanos() / 1e6;
                        gcs++;
                    }
                    default -> {
                    }
                }
            }
        }
        double seconds = Math.max(1, (last - first) / 1000.0);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("recording %s: %d execution samples over %.1f s (%d CPUs)%n", args[0], samples, seconds, cores);
        if (cpuEvents > 0) {
            System.out.printf("CPU (jdk.CPULoad, mean): JVM %.0f%% of the machine, whole machine %.0f%%%n",
                    100 * cpuJvm / cpuEvents, 100 * cpuMachine / cpuEvents);
        }
        System.out.printf("GC: %d collections, %.0f ms of pauses (%.1f ms/s)%n", gcs, gcPauseMs, gcPauseMs / seconds);
        if (completions > 0) {
            System.out.printf("allocated (sampled estimate): %.0f MB/s, %.0f KB per completion (%d completions)%n",
                    allocatedBytes / seconds / 1e6, allocatedBytes / 1024.0 / completions, completions);
        }
        final long total = samples;
        table("samples by thread", threads, total, 10, Function.identity());
        System.out.printf("%n== top 25 hot methods (self time; JDK methods with the first non-JDK frame under them)%n");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> {
                    String top = e.getKey();
                    String under = selfUnder.get(top).entrySet().stream()
                            .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
                    String note = under == null || under.equals(top) ? "" : "   <- " + under;
                    System.out.printf("%5.1f%%  %s%s%n", 100.0 * e.getValue() / total, top, note);
                });
        table("self time by library (JDK frames charged to the library that called them)", library, total, 25,
                Function.identity());
        table("by route step (innermost Camel step or layer on the stack) and thread", step, total, 30,
                Function.identity());
        table("route step  >  library doing the work", stepLibrary, total, 30, Function.identity());
        table("inclusive time of Runwire and Camel frames (routing plumbing left out)", inclusive, total, 40,
                Function.identity());
        if (allocatedBytes > 0) {
            System.out.printf("%n== allocation by site (first non-JDK frame), share of sampled bytes%n");
            final long bytes = allocatedBytes;
            allocation.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                    .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / bytes, e.getKey()));
        }
    }

    private static void table(String title, Map<String, Long> counts, long total, int limit,
                              Function<String, String> label) {
        System.out.printf("%n== %s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / total, label.apply(e.getKey())));
    }

    private static void add(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static List<String> names(RecordedStackTrace trace) {
        List<String> names = new ArrayList<>(trace.getFrames().size());
        for (RecordedFrame frame : trace.getFrames()) {
            if (frame.getMethod() == null) {
                continue;
            }
            names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
        }
        return names;
    }

    private static String firstNonJdk(List<String> frames) {
        for (String f : frames) {
            if (!JDK.matcher(f).matches()) {
                return f;
            }
        }
        return null;
    }

    private static String innermost(List<String> frames) {
        for (String f : frames) {
            if (f.startsWith("io.runwire.") && !f.startsWith("io.runwire.api.ApiGateFilter")) {
                return "runwire bean " + f.substring("io.runwire.".length()).replaceAll("\\$\\$.*", "");
            }
            String s = lookup(STEPS, f, null);
            if (s != null) {
                return s;
            }
        }
        return frames.isEmpty() ? "?" : "outside routes: " + frames.get(frames.size() - 1);
    }

    private static String lookup(String[][] table, String frame, String otherwise) {
        for (String[] row : table) {
            if (frame.startsWith(row[0])) {
                return row[1];
            }
        }
        return otherwise;
    }

    private static String pkg(String frame) {
        String[] parts = frame.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length)));
    }

    private static String role(String thread) {
        if (thread.contains("seda://runbook-executions")) {
            return "worker (seda)";
        }
        if (thread.startsWith("http-nio")) {
            return "API (tomcat)";
        }
        if (thread.startsWith("http-")) {
            return "API (camel rest)";
        }
        return thread.replaceAll("\\d+", "#");
    }
}
