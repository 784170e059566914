package dev.supportdesk.platform.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A database session of its own, outside the connection pool, with the pool's URL, user, schema and driver
 * settings (timeouts included): for a session that must stay one's own, such as one that holds an advisory
 * lock or LISTENs, which a pooled connection would carry back into the pool.
 */
public final class OwnConnections {

    private OwnConnections() {}

    public static Connection open(DataSource dataSource) throws SQLException {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return dataSource.getConnection(); // a plain data source (tests) hands out sessions of their own
        }
        Properties settings = new Properties();
        settings.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            settings.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            settings.setProperty("password", pool.getPassword());
        }
        Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), settings);
        if (pool.getSchema() != null) {
            connection.setSchema(pool.getSchema());
        }
        return connection;
    }
}
