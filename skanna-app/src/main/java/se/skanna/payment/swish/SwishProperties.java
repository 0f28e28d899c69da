package se.skanna.payment.swish;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.validator.constraints.time.DurationMin;
import org.hibernate.validator.group.GroupSequenceProvider;
import org.hibernate.validator.spi.group.DefaultGroupSequenceProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code skanna.payment.swish.*}: the merchant's Swish Handel agreement. Bound always (the application scans for
 * configuration properties), checked only when Swish is enabled ({@link OnlyWhenEnabled}): then a value that
 * cannot work stops startup with a message naming the setting.
 *
 * <p>The merchant certificate is the Spring Boot SSL bundle named {@code ssl-bundle} (default {@code swish}:
 * {@code spring.ssl.bundle.jks.swish.*} or {@code spring.ssl.bundle.pem.swish.*}). Without such a bundle the
 * older settings {@code key-store}/{@code trust-store} make one, with their passwords from the environment only
 * ({@code SKANNA_SWISH_KEYSTORE_PASSWORD}, {@code SKANNA_SWISH_TRUSTSTORE_PASSWORD}, mapped in application.yml);
 * passwords never appear in {@link #toString()}.
 */
@Validated
@GroupSequenceProvider(SwishProperties.OnlyWhenEnabled.class)
@ConfigurationProperties("skanna.payment.swish")
record SwishProperties(
        boolean enabled,

        @NotBlank(
                groups = WhenEnabled.class,
                message = "base-url must be Swish's address, e.g. https://mss.cpc.getswish.net (test) or"
                        + " https://cpc.getswish.net (production)")
        String baseUrl,

        @NotNull(groups = WhenEnabled.class, message = PAYEE_ALIAS_MESSAGE)
        @Pattern(groups = WhenEnabled.class, regexp = "123\\d{7}", message = PAYEE_ALIAS_MESSAGE)
        String payeeAlias,

        String callbackUrl,
        String returnUrl,

        @DefaultValue("Skanna")
        @NotNull(groups = WhenEnabled.class, message = MESSAGE_PREFIX_MESSAGE)
        @Size(groups = WhenEnabled.class, max = 40, message = MESSAGE_PREFIX_MESSAGE)
        @Pattern(groups = WhenEnabled.class, regexp = SwishFormat.MESSAGE_ALPHABET, message = MESSAGE_PREFIX_MESSAGE)
        String messagePrefix,

        @DefaultValue("swish")
        @NotBlank(
                groups = WhenEnabled.class,
                message = "ssl-bundle must name a Spring Boot SSL bundle (spring.ssl.bundle.*)")
        String sslBundle,

        String keyStore,
        String keyStorePassword,
        String trustStore,
        String trustStorePassword,
        boolean allowInsecureForTests,

        @DefaultValue("5s")
        @NotNull(groups = WhenEnabled.class)
        @DurationMin(groups = WhenEnabled.class, millis = 1, message = "connect-timeout must be positive")
        Duration connectTimeout,

        @DefaultValue("10s")
        @NotNull(groups = WhenEnabled.class)
        @DurationMin(groups = WhenEnabled.class, millis = 1, message = "request-timeout must be positive")
        Duration requestTimeout) {

    static final String PAYEE_ALIAS_MESSAGE =
            "payee-alias must be the merchant's Swish number (ten digits starting with 123)";
    static final String MESSAGE_PREFIX_MESSAGE =
            "message-prefix must be at most 40 characters of a-ö, A-Ö, 0-9, space and :;.,?!()\"";
    static final String KEY_STORE_PASSWORD_ENV = "SKANNA_SWISH_KEYSTORE_PASSWORD";

    /** The constraints that count only with {@code enabled=true} (the binding happens either way). */
    interface WhenEnabled {}

    /** Disabled, the settings are not checked: nothing uses them. */
    public static final class OnlyWhenEnabled implements DefaultGroupSequenceProvider<SwishProperties> {

        /** Hibernate Validator makes it by reflection. */
        public OnlyWhenEnabled() {}

        @Override
        public List<Class<?>> getValidationGroups(Class<?> type, SwishProperties properties) {
            return properties != null && properties.enabled()
                    ? List.of(SwishProperties.class, WhenEnabled.class)
                    : List.of(SwishProperties.class);
        }
    }

    boolean plainHttp() {
        return baseUrl != null && baseUrl.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    /** The certificate settings of before SSL bundles; used only when no bundle {@code ssl-bundle} exists. */
    boolean legacyKeyStore() {
        return keyStore != null && !keyStore.isBlank();
    }

    @AssertTrue(
            groups = WhenEnabled.class,
            message = "base-url must use https; plain http is only for tests"
                    + " (skanna.payment.swish.allow-insecure-for-tests=true)")
    boolean isBaseUrlHttps() {
        URI base = parse(baseUrl);
        if (base == null || base.getHost() == null) {
            return baseUrl == null || baseUrl.isBlank(); // blank: @NotBlank names it; junk: not https either
        }
        return plainHttp() ? allowInsecureForTests : "https".equalsIgnoreCase(base.getScheme());
    }

    @AssertTrue(
            groups = WhenEnabled.class,
            message = "callback-url must be an https URL that Swish can reach (Swish calls https only)")
    boolean isCallbackUrlHttps() {
        return isHttps(callbackUrl);
    }

    @AssertTrue(groups = WhenEnabled.class, message = "return-url, when set, must be an https URL")
    boolean isReturnUrlHttps() {
        return returnUrl == null || returnUrl.isBlank() || isHttps(returnUrl);
    }

    @AssertTrue(
            groups = WhenEnabled.class,
            message = "key-store-password is not set: set " + KEY_STORE_PASSWORD_ENV + " in the environment")
    boolean isKeyStorePasswordSet() {
        return plainHttp() || !legacyKeyStore() || (keyStorePassword != null && !keyStorePassword.isEmpty());
    }

    private static boolean isHttps(String url) {
        URI uri = parse(url);
        return uri != null && "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            return new URI(url);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "SwishProperties[enabled=" + enabled + ", baseUrl=" + baseUrl + ", payeeAlias=" + payeeAlias
                + ", callbackUrl=" + callbackUrl + ", returnUrl=" + returnUrl + ", sslBundle=" + sslBundle
                + ", keyStore=" + keyStore + ", keyStorePassword=" + mask(keyStorePassword) + ", trustStore="
                + trustStore + ", trustStorePassword=" + mask(trustStorePassword) + ", allowInsecureForTests="
                + allowInsecureForTests + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(not set)" : "(set)";
    }
}
