package io.runwire.management;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.runwire.security.ApiKeyAuthenticator;
import io.runwire.startup.StartupRefusal;
import jakarta.servlet.ServletContext;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.web.context.WebApplicationContext;

/**
 * Makes Hawtio's own login check Runwire API keys ({@link ApiKeyLoginModule}) instead of a JAAS file. It is set on
 * this web application's Hawtio alone, not JVM-wide, once the servlet context is up and before the port is opened.
 */
@Component
public class HawtioApiKeyLogin implements SmartInitializingSingleton {

    private final WebApplicationContext web;
    private final ApiKeyAuthenticator authenticator;

    public HawtioApiKeyLogin(WebApplicationContext web, ApiKeyAuthenticator authenticator) {
        this.web = web;
        this.authenticator = authenticator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ServletContext servletContext = web.getServletContext();
        if (servletContext == null) {
            return; // no web server in this context (a test without one): there is no Hawtio to log in to
        }
        AuthenticationConfiguration hawtio = AuthenticationConfiguration.getConfiguration(servletContext);
        if (!hawtio.isEnabled()) {
            throw new StartupRefusal("hawtio.authenticationEnabled is false: Hawtio would let anyone run JMX"
                    + " operations; remove that setting, admins log in with their API key");
        }
        hawtio.setConfiguration(new ApiKeyConfiguration(authenticator));
    }

    /** The JAAS configuration Hawtio asks for its realm: just the API key module. */
    private static final class ApiKeyConfiguration extends Configuration {

        private final AppConfigurationEntry[] entries;

        ApiKeyConfiguration(ApiKeyAuthenticator authenticator) {
            entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ApiKeyLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of(ApiKeyLoginModule.AUTHENTICATOR, authenticator))};
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String realm) {
            return entries.clone();
        }
    }
}
