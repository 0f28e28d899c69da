package se.skanna.payment.swish;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Swish is off unless {@code skanna.payment.swish.enabled=true}; then a configuration that cannot work (no https,
 * no certificate, no password) stops startup with a message that names what is missing.
 *
 * <p>The merchant certificate for mutual TLS is a Spring Boot SSL bundle ({@link #certificate}); the HTTP client
 * is Boot's JDK client factory with that bundle and the Swish timeouts, behind a {@link RestClient}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "skanna.payment.swish", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SwishProperties.class)
class SwishConfiguration {

    @Bean
    SwishPaymentProvider swishPaymentProvider(
            SwishProperties properties,
            ObjectProvider<SslBundles> bundles,
            ObjectProvider<RestClient.Builder> restClients) {
        SslBundle certificate = properties.plainHttp() ? null : certificate(properties, bundles.getIfAvailable());
        return new SwishPaymentProvider(
                properties, restClient(properties, certificate, restClients.getIfAvailable(RestClient::builder)));
    }

    /** Boot's JDK HTTP client: HTTP/1.1, no redirects, Swish's timeouts, the merchant certificate if any. */
    static RestClient restClient(SwishProperties properties, SslBundle certificate, RestClient.Builder builder) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withRedirects(HttpRedirects.DONT_FOLLOW)
                .withTimeouts(properties.connectTimeout(), properties.requestTimeout())
                .withSslBundle(certificate);
        return builder.clone()
                .baseUrl(properties.baseUrl().replaceAll("/+$", ""))
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                        .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                        .build(settings))
                .build();
    }

    /**
     * The SSL bundle {@code ssl-bundle} if configured ({@code spring.ssl.bundle.jks|pem.<name>}); otherwise one
     * made by Boot from the older {@code key-store}/{@code trust-store} settings (PKCS#12). Either way its key store
     * must hold the merchant's private key.
     */
    static SslBundle certificate(SwishProperties properties, SslBundles bundles) {
        String name = properties.sslBundle();
        SslBundle bundle = null;
        if (bundles != null && bundles.getBundleNames().contains(name)) {
            if (properties.legacyKeyStore()) {
                throw notConfigured("both the SSL bundle " + name + " (spring.ssl.bundle.*." + name
                        + ") and key-store are set: keep one");
            }
            try {
                bundle = bundles.getBundle(name);
            } catch (NoSuchSslBundleException e) {
                bundle = null;
            }
        }
        String where;
        if (bundle != null) {
            where = "SSL bundle " + name;
        } else if (properties.legacyKeyStore()) {
            bundle = legacyBundle(properties);
            where = "key-store " + properties.keyStore();
        } else {
            throw notConfigured("no merchant certificate: configure the SSL bundle " + name
                    + " (spring.ssl.bundle.jks." + name + ".keystore.location or spring.ssl.bundle.pem." + name
                    + ".keystore.certificate and .private-key) or key-store (PKCS#12, mutual TLS)");
        }
        KeyStore keys;
        try {
            keys = bundle.getStores().getKeyStore();
        } catch (RuntimeException e) {
            // Boot reports a wrong PKCS#12 password as "Unable to create key store: ... password was incorrect"
            throw notConfigured(
                    "the " + where + " could not be read (wrong password or not PKCS#12): " + e.getMessage());
        }
        if (keys == null || !holdsKey(keys)) {
            throw notConfigured("the " + where
                    + " holds no private key: it must be the merchant certificate with its key (PKCS#12)");
        }
        try {
            bundle.getStores().getTrustStore();
        } catch (RuntimeException e) {
            throw notConfigured("the trust store of the " + where + " could not be read: " + e.getMessage());
        }
        return bundle;
    }

    private static SslBundle legacyBundle(SwishProperties properties) {
        if (!Files.isReadable(Path.of(properties.keyStore()))) {
            throw notConfigured("key-store " + properties.keyStore() + " cannot be read");
        }
        String trustStore = properties.trustStore();
        JksSslStoreDetails trust = null;
        if (trustStore != null && !trustStore.isBlank()) {
            if (!Files.isReadable(Path.of(trustStore))) {
                throw notConfigured("trust-store " + trustStore + " cannot be read");
            }
            String password = properties.trustStorePassword();
            trust = new JksSslStoreDetails(
                    "PKCS12", null, location(trustStore), password == null || password.isEmpty() ? null : password);
        }
        JksSslStoreDetails keys =
                new JksSslStoreDetails("PKCS12", null, location(properties.keyStore()), properties.keyStorePassword());
        return SslBundle.of(new JksSslStoreBundle(keys, trust));
    }

    /** A plain path as a resource location Boot reads as a file (a Windows path or one with a colon too). */
    private static String location(String path) {
        return Path.of(path).toAbsolutePath().toUri().toString();
    }

    private static boolean holdsKey(KeyStore store) {
        try {
            return Collections.list(store.aliases()).stream().anyMatch(alias -> isKey(store, alias));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IllegalStateException notConfigured(String problem) {
        return new IllegalStateException(
                "Swish is enabled (skanna.payment.swish.enabled=true) but not configured: " + problem + ".");
    }
}
