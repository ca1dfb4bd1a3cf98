package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.Test;

/** The restriction lists themselves, in case a dangerous object ever reached a template some other way. */
class SandboxPropertiesTest {

    @Test
    void restrictedClassesAndPackagesAreRefusedEvenWhenInTheContext() {
        VelocityEngine engine = new VelocityEngine(VelocitySandbox.properties());
        VelocityContext context = new VelocityContext(Map.of(
                "runtime", Runtime.getRuntime(),
                "thread", Thread.currentThread(),
                "file", new File("/etc/passwd"),
                "loader", getClass().getClassLoader(),
                "builder", new ProcessBuilder("true")));
        StringWriter out = new StringWriter();

        engine.evaluate(context, out, "test", "[$runtime.availableProcessors()][$thread.getName()][$file.exists()]"
                + "[$loader.getParent()][$builder.command()][$file.toPath().getFileName()]");

        assertThat(out).hasToString("[][][][][][]");
    }
}
