package io.runwire.template;

import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureIntrospectorImpl;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;
import org.slf4j.Logger;

/**
 * Velocity's {@link SecureUberspector} (restricted classes and packages from {@code velocity/sandbox.properties}),
 * which also refuses {@code getClass()} on every object, so a template never holds a {@code Class} at all, and makes
 * every method call a {@link BoundedMethod}: within the render's time and size limits.
 */
public class SandboxUberspector extends SecureUberspector {

    @Override
    public void init() {
        introspector = new ClassBlindIntrospector(
                rsvc.getConfiguration().getStringArray(RuntimeConstants.INTROSPECTOR_RESTRICT_CLASSES),
                rsvc.getConfiguration().getStringArray(RuntimeConstants.INTROSPECTOR_RESTRICT_PACKAGES),
                log);
    }

    @Override
    public VelMethod getMethod(Object obj, String methodName, Object[] args, Info info) {
        // "default" is a Java keyword: $fn.default(x, y) is TemplateFunctions.defaultValue(x, y)
        String name = obj instanceof TemplateFunctions && "default".equals(methodName) ? "defaultValue" : methodName;
        VelMethod method = super.getMethod(obj, name, args, info);
        return method == null ? null : new BoundedMethod(method);
    }

    static final class ClassBlindIntrospector extends SecureIntrospectorImpl {

        ClassBlindIntrospector(String[] badClasses, String[] badPackages, Logger log) {
            super(badClasses, badPackages, log);
        }

        @Override
        public boolean checkObjectExecutePermission(Class<?> clazz, String methodName) {
            return !"getClass".equals(methodName) && super.checkObjectExecutePermission(clazz, methodName);
        }
    }
}
