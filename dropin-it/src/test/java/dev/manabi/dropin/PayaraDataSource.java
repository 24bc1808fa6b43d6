package dev.manabi.dropin;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Payara host's DataSource, defined by the application (Jakarta EE 10 platform section EE.5.18.3) at an
 * application-scoped name: bound only when the application deploys, after the SDK's start-up event may already have
 * fired, which is what the SDK's migration on first use is for.
 */
@DataSourceDefinition(name = "java:app/jdbc/manabi", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:manabi-dropin;DB_CLOSE_DELAY=-1", user = "sa", password = "")
@ApplicationScoped
public class PayaraDataSource {
}
