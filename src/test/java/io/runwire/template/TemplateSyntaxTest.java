package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateSyntaxTest {

    private final TemplateSyntax syntax = new TemplateSyntax();

    @Test
    void reportsAnUnclosedIfWithItsPosition() {
        assertThat(syntax.check("{\n  \"a\": #if($params.x \n}"))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("line 3, column 1: Encountered \"}\""));
    }

    @Test
    void reportsAnIfWithoutEndAtTheEndOfTheTemplate() {
        assertThat(syntax.check("{\"a\": #if($params.x)1"))
                .hasValueSatisfying(problem -> assertThat(problem).matches("line 1, column \\d+: Encountered \"<EOF>\".*"));
    }

    @Test
    void reportsAMisusedDirectiveWithItsPosition() {
        assertThat(syntax.check("ok\n#foreach($x)#end"))
                .hasValue("line 2, column 9: Too few arguments to the #foreach directive");
    }

    @Test
    void acceptsAValidTemplateWithoutRenderingIt() {
        assertThat(syntax.check("{\"t\": $fn.json($incident.title), \"d\": \"$fn.default($params.x, 'y')\"}"
                + "#foreach($h in $params.hosts)$h#if($foreach.hasNext),#end#end#if($assignee)$assignee.email#end"))
                .isEmpty();
        assertThat(syntax.check("")).isEmpty();
        assertThat(syntax.check(null)).isEmpty();
    }
}
