package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VelocityPayloadTest {

    private static final String AWKWARD = "say \"hi\" to C:\\temp\\new\nline\ttab é 日本 🚀 \u0001 </script>";
    private static PayloadRendering rendering;

    @BeforeAll
    static void start() {
        rendering = new PayloadRendering();
    }

    private static Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("incident", Map.of("id", "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", "title", AWKWARD,
                "priority", "HIGH", "createdAt", "2024-05-01T09:30:00Z", "metadata", Map.of("region", "eu-west-1")));
        values.put("team", Map.of("id", "t-1", "name", "Payments é", "slackChannel", "#pay"));
        values.put("runbook", Map.of("id", "r-1", "name", "Restart", "version", 3));
        values.put("params", Map.of("x", AWKWARD, "count", 2, "hosts", List.of("a", "b\"c")));
        values.put("execution", Map.of("id", "e-1"));
        return values;
    }

    @Test
    void jsonHelperKeepsQuotesBackslashesNewlinesAndNonAsciiIntactInAJsonPayload() throws Exception {
        String template = """
                {
                  "title": $fn.json($incident.title),
                  "team": $fn.json($team.name),
                  "x": $fn.json($params.x),
                  "count": $params.count,
                  "hosts": $fn.json($params.hosts),
                  "metadata": $fn.json($incident.metadata),
                  "missing": $fn.json($params.nothing),
                  "priority": "$fn.lower($incident.priority)",
                  "ref": "$fn.shortId($incident.id)",
                  "at": "$fn.date($incident.createdAt, 'yyyy-MM-dd HH:mm')",
                  "owner": $fn.json($fn.default($assignee.email, "nobody"))
                }
                """;

        JsonNode payload = new ObjectMapper().readTree(rendering.render(template, values()));

        assertThat(payload.get("title").textValue()).isEqualTo(AWKWARD);
        assertThat(payload.get("team").textValue()).isEqualTo("Payments é");
        assertThat(payload.get("x").textValue()).isEqualTo(AWKWARD);
        assertThat(payload.get("count").intValue()).isEqualTo(2);
        assertThat(payload.get("hosts")).hasSize(2);
        assertThat(payload.get("hosts").get(1).textValue()).isEqualTo("b\"c");
        assertThat(payload.get("metadata").get("region").textValue()).isEqualTo("eu-west-1");
        assertThat(payload.get("missing").isNull()).isTrue();
        assertThat(payload.get("priority").textValue()).isEqualTo("high");
        assertThat(payload.get("ref").textValue()).isEqualTo("5f0c1a2b");
        assertThat(payload.get("at").textValue()).isEqualTo("2024-05-01 09:30");
        assertThat(payload.get("owner").textValue()).isEqualTo("nobody");
    }

    @Test
    void plainReferencesReadTheContextByName() {
        String rendered = rendering.render("$incident.title|$team.name|$runbook.name v$runbook.version|$params.count"
                + "|$execution.id|#if($workflow)wf#{else}manual#end", values());

        assertThat(rendered).isEqualTo(AWKWARD + "|Payments é|Restart v3|2|e-1|manual");
    }

    @Test
    void referencesWithoutAValueRenderAsNothing() {
        String rendered = rendering.render("[$nope][$params.nothing][$assignee.email][$incident.title.nothing.deeper]"
                + "[$fn.noSuchHelper()][$!params.nothing]", values());

        assertThat(rendered).isEqualTo("[][][][][][]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$fn.getClass().forName(\"java.lang.Runtime\")",
            "$fn.class.classLoader",
            "$fn.class",
            "$fn.class.name",
            "$params.getClass().getClassLoader()",
            "$params.class",
            "$incident.title.getClass().forName(\"java.lang.System\").getProperty(\"user.home\")",
            "#set($s = \"\")$s.class.forName(\"java.lang.Runtime\")",
            "#set($r = $fn.getClass().forName(\"java.lang.Runtime\").getRuntime())$r",
            "#set($list = [1])$list.getClass().getClassLoader().loadClass(\"java.lang.Runtime\")",
            "#foreach($i in [1])$foreach.getClass().getName()$foreach.class#end",
            "#evaluate('$fn.class.name')",
            "$headers$header$body$exchange$camelContext$in$request$variables$exchangeProperties$exception",
    })
    void templatesCannotReachJavaClassesOrCamel(String template) {
        String rendered = rendering.render(template, values());

        assertThat(rendered).isEmpty();
    }

    @Test
    void runtimeExecFromATemplateNeverRuns() {
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "runwire-pwned-" + UUID.randomUUID());
        // waitFor(): had the command started, the file would exist before render returns
        String template = "#set($r = $fn.getClass().forName(\"java.lang.Runtime\").getRuntime())"
                + "$r.exec(\"touch " + marker + "\").waitFor()"
                + "#set($p = $params.class.forName(\"java.lang.ProcessBuilder\"))$p"
                + "$incident.title.class.forName(\"java.lang.Runtime\").getRuntime().exec(\"touch " + marker
                + "\").waitFor()";

        String rendered = rendering.render(template, values());

        assertThat(rendered).isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void includeAndParseCannotReadFiles(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("secret.vm"), "TOP-SECRET-CONTENT");
        String template = "[#include(\"/etc/passwd\")][#parse(\"/etc/passwd\")][#include(\"" + file + "\")]"
                + "[#parse(\"" + file + "\")][#include(\"file:" + file + "\")][#parse(\"velocity/sandbox.properties\")]"
                + "[#include(\"classpath:velocity/sandbox.properties\")][#include(\"../../../../etc/hostname\")]";

        String rendered = rendering.render(template, values());

        assertThat(rendered).isEqualTo("[][][][][][][][]");
    }

    @Test
    void aMissingTemplateFailsInsteadOfRenderingSomethingElse() {
        assertThatThrownBy(() -> rendering.render(null, values()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("There is no payload template to render");
    }

    @Test
    void aMacroStaysInTheTemplateThatDefinesIt() {
        String first = rendering.render("#macro(target)first#end#target()", values());
        String second = rendering.render("#macro(target)second#end#target()", values());
        String third = rendering.render("#target()", values());

        assertThat(first).isEqualTo("first");
        assertThat(second).isEqualTo("second");
        assertThat(third).isEqualTo("#target()");
        // the parsed templates are kept: each again, with its own macro
        assertThat(rendering.render("#macro(target)first#end#target()", values())).isEqualTo("first");
        assertThat(rendering.render("#target()", values())).isEqualTo("#target()");
    }

    @Test
    void oneTemplateRenderedAtOnceOnManyThreadsGivesEachItsOwnValues() throws Exception {
        String template = "#set($n = $params.count)#foreach($i in [1..$n])$params.x#end";
        List<java.util.concurrent.Callable<Boolean>> renders = new java.util.ArrayList<>();
        for (int t = 0; t < 200; t++) {
            int count = 1 + t % 7;
            String x = "v" + t;
            renders.add(() -> rendering.render(template, Map.of("params", Map.of("count", count, "x", x)))
                    .equals(x.repeat(count)));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (java.util.concurrent.Future<Boolean> rendered : threads.invokeAll(renders)) {
                assertThat(rendered.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
