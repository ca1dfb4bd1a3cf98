package io.runwire.db;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.flyway.FlywayConnectionDetails;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without {@code SPRING_DATASOURCE_URL} Runwire brings its own PostgreSQL, so one command starts the whole service
 * on a fresh machine. With a URL, Spring Boot's own DataSource configuration takes over and this stays out of it.
 *
 * <p>The superuser only lays the database out ({@link EmbeddedDatabaseLayout}); Flyway migrates as the schema's
 * owner and the service runs as a login that can read and write rows and nothing more.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedDatabase.start(properties);
        try {
            EmbeddedDatabaseLayout.prepare(postgres);
        } catch (SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(EmbeddedDatabaseLayout.APP, EmbeddedDatabaseLayout.DATABASE));
        dataSource.setUsername(EmbeddedDatabaseLayout.APP);
        return dataSource;
    }

    /** Spring Boot builds Flyway's own DataSource from these, as it would from {@code spring.flyway.user}. */
    @Bean
    FlywayConnectionDetails flywayConnectionDetails(EmbeddedPostgres postgres) {
        String jdbcUrl = postgres.getJdbcUrl(EmbeddedDatabaseLayout.OWNER, EmbeddedDatabaseLayout.DATABASE);
        return new FlywayConnectionDetails() {
            @Override
            public String getJdbcUrl() {
                return jdbcUrl;
            }

            @Override
            public String getUsername() {
                return EmbeddedDatabaseLayout.OWNER;
            }

            @Override
            public String getPassword() {
                return null;
            }
        };
    }
}
