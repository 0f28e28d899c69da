package se.skanna.payment.swish;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Swish is off unless {@code skanna.payment.swish.enabled=true}; then a configuration that cannot work (no https,
 * no certificate, no password) stops startup with a message that names what is missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "skanna.payment.swish", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SwishProperties.class)
class SwishConfiguration {

    @Bean
    SwishPaymentProvider swishPaymentProvider(SwishProperties properties) {
        properties.validate();
        return new SwishPaymentProvider(properties, SwishTls.httpClient(properties));
    }
}
