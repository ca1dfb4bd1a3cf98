import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The statements PostgreSQL saw (pg_stat_statements rows on stdin: calls TAB mean ms TAB query, the query's line
 * breaks sent as the unit separator 0x1F so that each row is one line), each named by the
 * src/main/resources/sql file it came from, per execution (or per second) — so a statement no route should send shows.
 *
 * <p>Usage: {@code psql ... | java StatementReport.java <sql dir> <divisor> <unit>}
 */
public class StatementReport {

    public static void main(String[] args) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> sql = Files.list(Path.of(args[0]))) {
            for (Path p : sql.sorted().toList()) {
                files.put(skeleton(Files.readString(p)), p.getFileName().toString());
            }
        }
        double divisor = Double.parseDouble(args[1]);
        String unit = args[2];
        double total = 0;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.printf("   %7s %10s %9s  %-34s %s%n", "calls", "per " + unit, "mean ms", "SQL file", "statement");
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.replace((char) 0x1f, '\n').split("\t", 3);
            if (f.length < 3) {
                continue;
            }
            long calls = Long.parseLong(f[0]);
            total += calls;
            String file = files.getOrDefault(skeleton(f[2]), "(not a Runwire SQL file)");
            String text = f[2].replaceAll("--[^\n]*", " ").replaceAll("\\s+", " ").strip();
            System.out.printf("   %7d %10.2f %9s  %-34s %s%n", calls, calls / divisor, f[1], file,
                    text.length() > 80 ? text.substring(0, 80) + "..." : text);
        }
        System.out.printf("   %7.0f %10.2f            all statements%n", total, total / divisor);
    }

    /** The statement with comments, parameters and constants taken out, as pg_stat_statements normalises it. */
    static String skeleton(String sql) {
        return sql.replaceAll("--[^\n]*", " ")
                .replaceAll(":#\\$\\{[^}]*}", "?")
                .replaceAll(":#[A-Za-z_]\\w*", "?")
                .replaceAll("(?<![:\\w]):[A-Za-z_]\\w*", "?")
                .replaceAll("\\$\\d+", "?")
                .replaceAll("'(?:[^']|'')*'", "?")
                .replaceAll("\\b\\d+(\\.\\d+)?\\b", "?")
                .replaceAll("(?i)(?<!\\bis\\s)(?<!\\bnot\\s)\\b(null|true|false)\\b", "?")
                .replaceAll("\\s+", "")
                .toLowerCase();
    }
}
