package io.runwire.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one drill measured: numbered facts, and the musts it checked with their verdicts. */
public final class DrillReport {

    private static final int LABEL_WIDTH = 60;

    private final String title;
    private final List<String> lines = new ArrayList<>();
    private final List<Must> musts = new ArrayList<>();

    public DrillReport(String title) {
        this.title = title;
    }

    /** A checked requirement: what must hold, whether it did, and the numbers behind it. */
    public record Must(String requirement, boolean held, String evidence) {
    }

    public void fact(String label, Object value) {
        lines.add("  " + pad(label) + " " + value);
    }

    public void note(String text) {
        lines.add("    " + text);
    }

    public void must(String requirement, boolean held, String evidence) {
        musts.add(new Must(requirement, held, evidence));
    }

    public boolean passed() {
        return !musts.isEmpty() && musts.stream().allMatch(Must::held);
    }

    public List<Must> violations() {
        return musts.stream().filter(must -> !must.held()).toList();
    }

    public String title() {
        return title;
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("=== ").append(title).append(" ===\n");
        lines.forEach(line -> text.append(line).append('\n'));
        text.append("  musts:\n");
        for (Must must : musts) {
            text.append("    [").append(must.held() ? " ok " : "FAIL").append("] ").append(must.requirement());
            if (must.evidence() != null && !must.evidence().isBlank()) {
                text.append(" -- ").append(must.evidence());
            }
            text.append('\n');
        }
        List<Must> violated = violations();
        text.append("  verdict: ").append(passed() ? "PASSED"
                : musts.isEmpty() ? "FAILED (nothing was checked)"
                : "FAILED (" + violated.size() + " of " + musts.size() + " musts violated)").append('\n');
        return text.toString();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String pad(String label) {
        StringBuilder padded = new StringBuilder(label).append(' ');
        while (padded.length() < LABEL_WIDTH) {
            padded.append('.');
        }
        return padded.toString();
    }
}
