package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Size and time limits of a render, small here so each case is quick: 64 KiB of output, 300 ms. */
class TemplateLimitsTest {

    private static final TemplateLimits LIMITS = new TemplateLimits(64 * 1024, Duration.ofMillis(300));
    private static final String OUTPUT_ERROR = "the payload template produced more than 64 KiB";
    private static final String WORK_ERROR = "the payload template built more than 256 KiB of text and values along "
            + "the way (4 times the 64 KiB output limit)";
    private static final String TIME_ERROR = "the payload template took longer than 300 ms to render";
    /** Enough to see a limit hit on a busy machine, far below what the unbounded render would take. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final PayloadRendering rendering = new PayloadRendering(LIMITS);
    /** The same sizes with time to spare, for cases that must end at a size limit even on a busy machine. */
    private final PayloadRendering unhurried = new PayloadRendering(new TemplateLimits(64 * 1024, Duration.ofSeconds(4)));

    private static Map<String, Object> values() {
        return Map.of("params", Map.of("hosts", List.of("a", "b"), "name", "checkout"));
    }

    private String render(String template) {
        return rendering.render(template, values());
    }

    private void assertFailsWithin(String template, String message) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> render(template)).isInstanceOf(TemplateLimitException.class).hasMessage(message);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PATIENCE);
    }

    @Test
    void aForeachOverAHundredMillionProducingTextFailsAtTheOutputLimit() {
        assertFailsWithin("#foreach($i in [1..100000000])x#end", OUTPUT_ERROR);
    }

    @Test
    void aForeachOverAHundredMillionProducingNothingFailsAtTheTimeLimit() {
        long started = System.nanoTime();
        assertFailsWithin("#foreach($i in [1..100000000])#end", TIME_ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LIMITS.maxRenderTime());
    }

    @Test
    void nestedLoopsFailAtTheTimeLimit() {
        assertFailsWithin("#foreach($i in [1..100000])#foreach($j in [1..100000])#set($x = $j)#end#end", TIME_ERROR);
    }

    @Test
    void aLoopIsNeverCutShortSilently() {
        // Velocity's directive.foreach.max_loops (10000 here before) ended loops silently: a truncated payload
        assertThat(render("#foreach($i in [1..20000])x#end")).hasSize(20000);
    }

    @Test
    void repeatIsRefusedBeforeItBuildsTheString() {
        assertFailsWithin("#set($x = 'x')$x.repeat(100000000)", WORK_ERROR);
        assertFailsWithin("#set($x = 'x')#set($y = $x.repeat(2147483647))", WORK_ERROR);
        assertFailsWithin("#set($x = 'x')$x.repeat(100000)", OUTPUT_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // doubling a string: interpolation, +, concat
            "#set($s = 'x')#foreach($i in [1..40])#set($s = \"$s$s\")#end",
            "#set($s = 'x')#foreach($i in [1..40])#set($s = $s + $s)#end",
            "#set($s = 'x')#foreach($i in [1..40])#set($s = $s.concat($s))#end",
            // text built inside a string, a #define block, nested macros: never through the payload's writer
            "#set($s = \"#foreach($i in [1..100000])#foreach($j in [1..100000])xxxxxxxxxx#end#end\")",
            "#define($b)#foreach($i in [1..100000])#foreach($j in [1..100000])xxxxxxxxxx#end#end#end"
                    + "#set($s = $b.toString())",
            "#macro(a)xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx#end#macro(b)#a()#a()#a()#a()#a()#a()#a()#a()#end"
                    + "#macro(c)#b()#b()#b()#b()#b()#b()#b()#b()#end#macro(d)#c()#c()#c()#c()#c()#c()#c()#c()#end"
                    + "#macro(e)#d()#d()#d()#d()#d()#d()#d()#d()#end#macro(f)#e()#e()#e()#e()#e()#e()#e()#e()#end"
                    + "#set($s = \"#f()\")",
            // growing lists and maps, big numbers, ranges kept as values
            "#set($l = [1])#foreach($i in [1..40])$l.addAll($l)#end",
            "#set($m = {})#foreach($i in [1..100000000])$m.put($i, $i)#end",
            "#set($l = [])$l.ensureCapacity(2000000000)",
            "#set($b = 2)#foreach($i in [1..40])#set($b = $b * $b)#end",
            "#set($b = 99999999999999999999)$b.pow(100000000)",
            "#set($b = 99999999999999999999)$b.shiftLeft(2000000000)",
            "#set($r = [1..100000000])",
            "#if([1..100000000] == 'x')#end",
            "$fn.json([1..100000000])",
            // helpers that pad or multiply their input
            "#set($s = 'x')$s.format('%0999999999d', 1)",
            "#set($x = 'x')#set($s = $x.repeat(60000))$s.indent(1000)",
            "#set($x = 'x')#set($s = $x.repeat(60000))$s.replace('', $s)",
    })
    void whatATemplateBuildsAlongTheWayIsBounded(String template) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> unhurried.render(template, values()))
                .isInstanceOf(TemplateLimitException.class).hasMessage(WORK_ERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PATIENCE);
    }

    @Test
    void aBacktrackingRegularExpressionStopsAtTheTimeLimit() {
        // (.*a){12} against 40 characters runs for minutes in java.util.regex
        assertFailsWithin("#set($s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')$s.matches('(.*a){12}')", TIME_ERROR);
    }

    @Test
    void regularExpressionMethodsStillBehaveLikeStrings() {
        assertThat(render("#set($s = 'a,b,,c,,')$s.split(',').size() $s.split(',', -1).size() "
                + "$s.replaceFirst(',', ';') $s.replaceAll('(b|c)', '[$1]') $s.matches('a.*')"))
                .isEqualTo("4 6 a;b,,c,, a,[b],,[c],, true");
    }

    @Test
    void endlessEvaluateRecursionFailsInsteadOfOverflowingTheStack() {
        // whichever comes first on this machine: the stack runs out, or the time
        assertThatThrownBy(() -> render("#set($e = '#evaluate($e)')#evaluate($e)"))
                .isInstanceOf(TemplateLimitException.class)
                .hasMessageMatching("the payload template nests or recurses too deeply|" + TIME_ERROR);
    }

    @Test
    void theOutputLimitCountsUtf8Bytes() {
        String twoBytes = "é";
        assertThat(render("#set($c = '" + twoBytes + "')$c.repeat(32768)")).hasSize(32768);
        assertFailsWithin("#set($c = '" + twoBytes + "')$c.repeat(32769)", OUTPUT_ERROR);
        assertThat(render("#set($c = 'x')$c.repeat(65536)")).hasSize(65536);
        assertFailsWithin("#set($c = 'x')$c.repeat(65536)!", OUTPUT_ERROR);
    }

    @Test
    void aLargeValueIsRefusedBeforeItBecomesText() {
        // 100 references to one 60 KB string: printing the list would be 6 MB
        assertFailsWithin("#set($x = 'x')#set($s = $x.repeat(60000))#set($l = [])"
                + "#foreach($i in [1..100])$l.add($s)#end$l", WORK_ERROR);
    }

    @Test
    void anOrdinaryPayloadOfManyItemsRendersWithinTheDefaultLimits() {
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            hosts.add(Map.of("name", "host-" + i, "zone", "eu-west-1" + (char) ('a' + i % 3)));
        }
        String template = "{\"hosts\": [#foreach($h in $params.hosts)$fn.json($h.name)#if($foreach.hasNext), #end#end],"
                + " \"all\": $fn.json($params.hosts), \"csv\": \"#set($csv = '')#foreach($h in $params.hosts)"
                + "#set($csv = \"$csv$h.name,\")#end$csv\"}";

        String payload = new PayloadRendering().render(template, Map.of("params", Map.of("hosts", hosts)));

        assertThat(payload).startsWith("{\"hosts\": [\"host-0\", \"host-1\"").contains("host-499,\"}");
    }

    @Test
    void streamsAndStringBuildersAreOutOfReach() {
        assertThat(render("[$params.hosts.stream().count()][$params.name.chars().toArray()]")).isEqualTo("[][]");
    }

    @Test
    void theSandboxedEngineRefusesToRenderWithoutLimits() {
        VelocityEngine unbounded = new VelocityEngine(VelocitySandbox.properties());

        assertThatThrownBy(() -> unbounded.evaluate(new VelocityContext(), new StringWriter(), "t", "text"))
                .hasMessageContaining("rendered only through VelocitySandbox.render");
    }

    @Test
    void eachRenderHasItsOwnBudget() {
        String nearlyAll = "#set($c = 'x')$c.repeat(65000)";
        for (int i = 0; i < 5; i++) {
            assertThat(render(nearlyAll)).hasSize(65000);
        }
    }
}
