package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a failing template leaves in the execution's error: where, and which helper or method, never the value it
 * was given. Java's exceptions quote their input, and Velocity's message repeats them; none of that gets through.
 */
class TemplateErrorsTest {

    private static final String SECRET = "hunter2-pass";

    private final PayloadRendering rendering = new PayloadRendering();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$fn.date($params.secret, 'x')                | the payload template failed at line 1, column 5, date(): the text is not an ISO-8601 date or time",
            "$fn.date($params.secret)                     | the payload template failed at line 1, column 5, date(): the text is not an ISO-8601 date or time",
            "$fn.date('2024-05-01', $params.secret)       | the payload template failed at line 1, column 5, date(): the pattern is not a valid DateTimeFormatter pattern",
            "$params.secret.substring(100)                | the payload template failed at line 1, column 16, substring(): threw StringIndexOutOfBoundsException",
            "$params.secret.matches($params.open)         | the payload template failed at line 1, column 16, matches(): threw PatternSyntaxException",
            "#set($n = 1)$n.parseInt($params.secret)      | the payload template failed at line 1, column 16, parseInt(): threw NumberFormatException",
            "#evaluate($params.open)                      | the payload template does not parse at line 1, column 1",
    })
    void aFailingTemplateIsDescribedWithoutTheValuesItWasGiven(String template, String error) {
        Map<String, Object> values = Map.of("params", Map.of("secret", SECRET, "open", SECRET + "(#if("));

        assertThatThrownBy(() -> rendering.render(template, values))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessage(error)
                .hasNoCause();
    }
}
