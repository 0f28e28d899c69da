package se.skanna.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A database in trouble is an answer within seconds, not a hang: on PostgreSQL every connection carries a
 * server-side statement and lock timeout and a client-side connect and socket timeout (a frozen server enforces
 * nothing itself). Settings already in the JDBC URL or the pool's data-source properties win.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTimeouts {

    /** {@code skanna.database.*}: the timeouts applied to PostgreSQL connections. */
    record Settings(Duration statementTimeout, Duration lockTimeout, Duration connectTimeout, Duration socketTimeout) {
        Settings {
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
            lockTimeout = lockTimeout == null ? Duration.ofSeconds(2) : lockTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            socketTimeout = socketTimeout == null ? Duration.ofSeconds(10) : socketTimeout;
        }
    }

    @Bean
    static BeanPostProcessor postgresTimeouts(org.springframework.core.env.Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (PostgresPool.is(bean) && bean instanceof HikariDataSource pool) {
                    Settings settings = Binder.get(environment)
                            .bind("skanna.database", Settings.class)
                            .orElseGet(() -> new Settings(null, null, null, null));
                    apply(pool.getJdbcUrl(), pool.getDataSourceProperties(), settings);
                }
                return bean;
            }
        };
    }

    static void apply(String url, Properties properties, Settings settings) {
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
        if (!query.contains("options=") && !properties.containsKey("options")) {
            properties.setProperty(
                    "options",
                    "-c statement_timeout=" + settings.statementTimeout().toMillis() + " -c lock_timeout="
                            + settings.lockTimeout().toMillis());
        }
        setUnlessGiven(query, properties, "connectTimeout", seconds(settings.connectTimeout()));
        setUnlessGiven(query, properties, "socketTimeout", seconds(settings.socketTimeout()));
        setUnlessGiven(query, properties, "tcpKeepAlive", "true");
    }

    private static void setUnlessGiven(String query, Properties properties, String name, String value) {
        if (!query.contains(name + "=") && !properties.containsKey(name)) {
            properties.setProperty(name, value);
        }
    }

    /** pgjdbc takes whole seconds; a setting below one second still gets one. */
    private static String seconds(Duration duration) {
        return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
