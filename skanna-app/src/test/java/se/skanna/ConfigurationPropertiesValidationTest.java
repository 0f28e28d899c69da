package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code @ConfigurationProperties} class of the application is {@code @Validated}: application.yml's
 * values start, a bad value stops startup with a message naming the setting and what it must be. The classes are
 * found the way the application finds them ({@link ConfigurationPropertiesScan} over {@code se.skanna}).
 */
class ConfigurationPropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("se.skanna")
    static class AllProperties {}

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(AllProperties.class);

    @Test
    void the_shipped_settings_are_valid() {
        contexts.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(Object.class))
                    .filteredOn(name -> name.startsWith("skanna."))
                    .as("the scanned @ConfigurationProperties beans")
                    .hasSize(5);
        });
    }

    @Test
    void an_audit_chance_above_one_stops_startup_naming_it() {
        contexts.withPropertyValues("skanna.audit.base-rate=1.5")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("skanna.audit")
                        .hasMessageContaining("baseRate")
                        .hasMessageContaining("rejected value [1.5]")
                        .hasMessageContaining("must be a chance from 0 to 1"));
    }

    @Test
    void a_zero_or_negative_duration_stops_startup_naming_it() {
        contexts.withPropertyValues("skanna.audit.long-scan-gap-threshold=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("longScanGapThreshold")
                        .hasMessageContaining("must be a positive duration"));
        contexts.withPropertyValues("skanna.stores.events.send-timeout=-1s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("skanna.stores.events")
                        .hasMessageContaining("sendTimeout")
                        .hasMessageContaining("must be a positive duration"));
    }

    @Test
    void a_connection_limit_of_zero_stops_startup() {
        contexts.withPropertyValues("skanna.stores.events.max-connections-per-client=0")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("maxConnectionsPerClient")
                        .hasMessageContaining("rejected value [0]"));
    }

    @Test
    void a_request_limit_of_zero_stops_startup() {
        contexts.withPropertyValues("skanna.request-limits.imports=0B")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("skanna.request-limits.api and .imports must be positive sizes"));
    }

    @Test
    void a_barcode_layout_that_cannot_work_stops_startup_naming_the_rule() {
        contexts.withPropertyValues(
                        "skanna.barcodes.layouts[0].prefix=2x",
                        "skanna.barcodes.layouts[0].item-reference-length=7",
                        "skanna.barcodes.layouts[0].value-start=8",
                        "skanna.barcodes.layouts[0].value-length=4",
                        "skanna.barcodes.layouts[0].measure=PRICE",
                        "skanna.barcodes.layouts[0].decimals=2",
                        "skanna.barcodes.layouts[0].price-check-digit-index=-1")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("a layout prefix is one or more digits"));
    }

    @Test
    void swish_settings_are_checked_only_when_swish_is_on() {
        contexts.withPropertyValues("skanna.payment.swish.payee-alias=0701234567")
                .run(context -> assertThat(context).hasNotFailed());
        contexts.withPropertyValues(
                        "skanna.payment.swish.enabled=true",
                        "skanna.payment.swish.base-url=https://mss.cpc.getswish.net",
                        "skanna.payment.swish.payee-alias=0701234567",
                        "skanna.payment.swish.callback-url=https://skanna.example/api/v1/payments/swish/callback",
                        "skanna.payment.swish.request-timeout=0s")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("skanna.payment.swish")
                        .hasMessageContaining("payee-alias must be the merchant's Swish number")
                        .hasMessageContaining("request-timeout must be positive"));
    }
}
