package se.skanna.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.skanna.SkannaApplication;

/**
 * One Skanna node of several in the same JVM, each an application context of its own with its own port, on a
 * database they share, as behind a load balancer.
 */
public final class SkannaNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SkannaNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a node with the tests' profile, a random port and {@code properties} on top. */
    public static SkannaNode start(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SkannaApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
        return new SkannaNode(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Api api() {
        return new Api(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
