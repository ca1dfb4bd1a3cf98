package io.runwire.workflow;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * The workflow engine's own connections ({@code workflowEngineDb}, named by the engine's {@code sql:} endpoints): a
 * small pool beside the API's, so neither waits for the other's connections, and, when PostgreSQL runs on this
 * machine (the embedded default), the backends serving the engine run at the workers' nice value — the API's
 * statements get a core first, as its threads do. It lives in Camel's registry only: Spring Boot's DataSource stays
 * the one Spring knows (transactions, Flyway, JdbcTemplate). With the database elsewhere, the pool is all there is.
 */
@Component
public class WorkflowEngineConnections implements CamelContextConfiguration, DisposableBean {

    static final String NAME = "workflowEngineDb";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final HikariDataSource pool;

    public WorkflowEngineConnections(DataSource dataSource, BackgroundThreadPriority priority,
                                     @Value("${runwire.workflows.db-pool-size:0}") int poolSize,
                                     @Value("${runwire.workflows.concurrency:8}") int concurrency) throws SQLException {
        HikariConfig config = new HikariConfig();
        dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
        config.setPoolName("runwire-workflows");
        // the workers, the dispatcher, the pollers and the lease renewal, each holding one at a time
        config.setMaximumPoolSize(poolSize > 0 ? poolSize : concurrency + 4);
        config.setMinimumIdle(Math.min(2, config.getMaximumPoolSize()));
        // the pool opens its sessions through this, so each new backend is lowered once, as it is created
        DriverManagerDataSource sessions = new DriverManagerDataSource(config.getJdbcUrl(), config.getUsername(),
                config.getPassword());
        Properties properties = new Properties();
        properties.putAll(config.getDataSourceProperties());
        properties.setProperty("ApplicationName", "runwire-workflows");
        sessions.setConnectionProperties(properties);
        config.setDataSource(onThisMachine(config.getJdbcUrl()) ? new LowPriorityBackends(sessions, priority) : sessions);
        config.setJdbcUrl(null);
        this.pool = new HikariDataSource(config);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getRegistry().bind(NAME, DataSource.class, pool);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void destroy() {
        pool.close();
    }

    /** Only a server on loopback can be this machine's process of the same pid. */
    static boolean onThisMachine(String jdbcUrl) {
        Properties parsed = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            return false;
        }
        for (String host : parsed.getProperty("PGHOST", "localhost").split(",")) {
            if (!LOOPBACK.contains(host.trim())) {
                return false;
            }
        }
        return true;
    }

    /** Lowers each new backend's priority; the pid comes with the connection, no statement is sent. */
    static final class LowPriorityBackends extends DelegatingDataSource {

        private final BackgroundThreadPriority priority;

        LowPriorityBackends(DataSource sessions, BackgroundThreadPriority priority) {
            super(sessions);
            this.priority = priority;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return lowered(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return lowered(super.getConnection(username, password));
        }

        private Connection lowered(Connection connection) throws SQLException {
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            if (isPostgres(pid)) {
                priority.lowerProcess(pid);
            }
            return connection;
        }

        private static boolean isPostgres(int pid) {
            try {
                return Files.readString(Path.of("/proc", Integer.toString(pid), "comm")).startsWith("postgres");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
