package io.runwire.management;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hawt.system.ConfigManager;
import io.runwire.api.ManagementGateFilter;
import io.runwire.startup.StartupRefusal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.support.GenericWebApplicationContext;

/** Settings that would open JMX to people who are not platform admins stop the start instead. */
class ManagementStartRefusalsTest {

    @Test
    void aSeparateManagementPortIsRefusedBecauseTheAdminCheckWouldNotGuardIt() {
        assertThatThrownBy(() -> new ManagementGateFilter(null, null, null, "/actuator", "9090", "8080"))
                .isInstanceOf(StartupRefusal.class)
                .hasMessageStartingWith("management.server.port is set");
    }

    @Test
    void hawtioWithItsAuthenticationSwitchedOffIsRefused() {
        MockServletContext servletContext = new MockServletContext();
        Map<String, String> settings = Map.of("authenticationEnabled", "false");
        servletContext.setAttribute(ConfigManager.CONFIG_MANAGER, new ConfigManager(settings::get));
        HawtioApiKeyLogin login = new HawtioApiKeyLogin(new GenericWebApplicationContext(servletContext), null);

        assertThatThrownBy(login::afterSingletonsInstantiated)
                .isInstanceOf(StartupRefusal.class)
                .hasMessageStartingWith("hawtio.authenticationEnabled is false");
    }
}
