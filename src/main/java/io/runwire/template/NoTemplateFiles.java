package io.runwire.template;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/** The only resource loader of the sandboxed engine: it finds nothing, on disk or on the classpath. */
public class NoTemplateFiles extends ResourceLoader {

    @Override
    public void init(ExtProperties configuration) {
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        throw new ResourceNotFoundException("Templates cannot load other templates: " + source);
    }

    @Override
    public boolean resourceExists(String resourceName) {
        return false;
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
