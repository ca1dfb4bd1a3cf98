package io.runwire.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.junit.jupiter.api.Test;

/** The restriction lists themselves, in case a dangerous object ever reached a template some other way. */
class SandboxPropertiesTest {

    @Test
    void restrictedClassesAndPackagesAreRefusedEvenWhenInTheContext() {
        VelocitySandbox sandbox = new PayloadRendering().sandbox();
        VelocityContext context = new VelocityContext(Map.of(
                "runtime", Runtime.getRuntime(),
                "thread", Thread.currentThread(),
                "file", new File("/etc/passwd"),
                "loader", getClass().getClassLoader(),
                "builder", new ProcessBuilder("true")));

        String out = sandbox.render("[$runtime.availableProcessors()][$thread.getName()][$file.exists()]"
                + "[$loader.getParent()][$builder.command()][$file.toPath().getFileName()]", context);

        assertThat(out).isEqualTo("[][][][][][]");
    }
}
