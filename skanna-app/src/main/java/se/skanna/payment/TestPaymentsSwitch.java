package se.skanna.payment;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the money-less {@code test} payment method exists. {@code skanna.payment.test.enabled}
 * ({@code SKANNA_TEST_PAYMENTS}) decides when it is {@code true} or {@code false}; left at {@code auto}, the method
 * is on only for the embedded demo — the demo chain on the embedded H2 database — so a production node on
 * PostgreSQL that forgets one variable never hands out goods for nothing.
 */
final class TestPaymentsSwitch implements Condition {

    static final String SETTING = "skanna.payment.test.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return isOn(context.getEnvironment());
    }

    static boolean isOn(Environment environment) {
        return decide(
                environment.getProperty(SETTING, "auto"),
                environment.getProperty("skanna.demo.enabled", Boolean.class, false),
                environment.getProperty("spring.datasource.url", ""));
    }

    static boolean decide(String setting, boolean demo, String datasourceUrl) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "auto", "" -> demo && datasourceUrl.startsWith("jdbc:h2:");
            default ->
                throw new IllegalStateException(
                        SETTING + " (SKANNA_TEST_PAYMENTS) must be true, false or auto, not '" + setting + "'");
        };
    }
}
