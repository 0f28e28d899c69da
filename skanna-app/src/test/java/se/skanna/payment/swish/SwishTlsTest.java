package se.skanna.payment.swish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import se.skanna.payment.PaymentProvider.Outcome;
import se.skanna.payment.PaymentProvider.PaymentRequest;

/**
 * Mutual TLS to Swish with a merchant certificate made at test time by the JDK's keytool, against an HTTPS server
 * that demands a client certificate; and the startup checks of the Swish configuration.
 */
class SwishTlsTest {

    static final String MERCHANT = "1234679304";
    static final String CLIENT_PASSWORD = "client-" + UUID.randomUUID();
    static final String SERVER_PASSWORD = "server-" + UUID.randomUUID();
    static final String TRUST_PASSWORD = "trust-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    static Path clientStore;
    static Path serverStore;
    static Path trustStore;
    static HttpsServer swish;
    static final AtomicReference<String> clientSeen = new AtomicReference<>();

    @BeforeAll
    static void certificatesAndServer() throws Exception {
        clientStore = dir.resolve("merchant.p12");
        serverStore = dir.resolve("server.p12");
        trustStore = dir.resolve("swish-root.p12");
        Path serverCertificate = dir.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "merchant",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=" + MERCHANT + ", O=Skanna Test",
                "-storetype",
                "PKCS12",
                "-keystore",
                clientStore.toString(),
                "-storepass",
                CLIENT_PASSWORD);
        keytool(
                "-genkeypair",
                "-alias",
                "swish",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost, O=Swish Test",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                serverStore.toString(),
                "-storepass",
                SERVER_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "swish",
                "-keystore",
                serverStore.toString(),
                "-storepass",
                SERVER_PASSWORD,
                "-file",
                serverCertificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "swish-root",
                "-file",
                serverCertificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                TRUST_PASSWORD);

        swish = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        swish.setHttpsConfigurator(new HttpsConfigurator(serverContext()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true); // like Swish: no merchant certificate, no connection
                params.setSSLParameters(parameters);
            }
        });
        swish.createContext(SwishPaymentProvider.PAYMENT_REQUESTS_V1, exchange -> {
            try (exchange) {
                clientSeen.set(((HttpsExchange) exchange)
                        .getSSLSession()
                        .getPeerPrincipal()
                        .getName());
                byte[] body = "{\"status\":\"CREATED\",\"amount\":17.95,\"currency\":\"SEK\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        swish.start();
    }

    @AfterAll
    static void stop() {
        swish.stop(0);
    }

    @Test
    void the_merchant_certificate_is_presented_to_swish() {
        SwishProperties properties =
                properties("https://localhost:" + swish.getAddress().getPort());

        Outcome outcome = provider(properties)
                .status(new PaymentRequest("p-" + UUID.randomUUID(), "t-test", 1795, "SEK", Instant.EPOCH));

        assertThat(outcome.state()).isEqualTo(Outcome.State.PENDING);
        assertThat(clientSeen.get()).isEqualTo("CN=" + MERCHANT + ",O=Skanna Test");
    }

    @Test
    void without_the_client_key_swish_refuses_the_connection() throws Exception {
        SSLContext trustOnly = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, TRUST_PASSWORD));
        trustOnly.init(null, trust.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(trustOnly).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + swish.getAddress().getPort()
                                + SwishPaymentProvider.PAYMENT_REQUESTS_V1 + "0F8C2A4E1B2C4D3E8F90A1B2C3D4E5F6"))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_server_swish_does_not_vouch_for_is_refused_and_swish_counts_as_unavailable() {
        // the JDK's CAs, not the test root: Skanna must not talk to a server it cannot trust
        SwishProperties untrusting = new SwishProperties(
                true,
                "https://localhost:" + swish.getAddress().getPort(),
                MERCHANT,
                "https://skanna.example/api/v1/payments/swish/callback",
                null,
                "Skanna",
                "swish",
                clientStore.toString(),
                CLIENT_PASSWORD,
                null,
                null,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> provider(untrusting)
                        .status(new PaymentRequest("p-" + UUID.randomUUID(), "t-test", 1795, "SEK", Instant.EPOCH)))
                .isInstanceOf(SwishUnavailableException.class)
                .hasMessageContaining("Swish did not answer GET " + SwishPaymentProvider.PAYMENT_REQUESTS_V1);
    }

    @Test
    void the_legacy_key_store_settings_become_an_ssl_bundle_with_the_merchant_key() throws Exception {
        SslBundle bundle = SwishConfiguration.certificate(properties("https://mss.cpc.getswish.net"), null);

        assertThat(bundle.getStores().getKeyStore().isKeyEntry("merchant")).isTrue();
        assertThat(bundle.getStores().getTrustStore().isCertificateEntry("swish-root"))
                .isTrue();
        assertThat(bundle.createSslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void a_key_store_without_a_key_or_with_a_wrong_password_is_refused_clearly() {
        SwishProperties certificateOnly = new SwishProperties(
                true,
                "https://mss.cpc.getswish.net",
                MERCHANT,
                "https://skanna.example/api/v1/payments/swish/callback",
                null,
                "Skanna",
                "swish",
                trustStore.toString(),
                TRUST_PASSWORD,
                null,
                null,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        SwishProperties wrongPassword = new SwishProperties(
                true,
                "https://mss.cpc.getswish.net",
                MERCHANT,
                "https://skanna.example/api/v1/payments/swish/callback",
                null,
                "Skanna",
                "swish",
                clientStore.toString(),
                "not-the-password",
                null,
                null,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        assertThatThrownBy(() -> SwishConfiguration.certificate(certificateOnly, null))
                .hasMessageContaining("holds no private key");
        assertThatThrownBy(() -> SwishConfiguration.certificate(wrongPassword, null))
                .hasMessageContaining("wrong password");
    }

    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
            .withUserConfiguration(SwishConfiguration.class);

    @Test
    void an_ssl_bundle_carries_the_merchant_certificate_to_swish() {
        contexts.withPropertyValues(
                        "skanna.payment.swish.enabled=true",
                        "skanna.payment.swish.base-url=https://localhost:"
                                + swish.getAddress().getPort(),
                        "skanna.payment.swish.payee-alias=" + MERCHANT,
                        "skanna.payment.swish.callback-url=https://skanna.example/api/v1/payments/swish/callback",
                        "spring.ssl.bundle.jks.swish.keystore.location=" + clientStore.toUri(),
                        "spring.ssl.bundle.jks.swish.keystore.type=PKCS12",
                        "spring.ssl.bundle.jks.swish.keystore.password=" + CLIENT_PASSWORD,
                        "spring.ssl.bundle.jks.swish.truststore.location=" + trustStore.toUri(),
                        "spring.ssl.bundle.jks.swish.truststore.type=PKCS12",
                        "spring.ssl.bundle.jks.swish.truststore.password=" + TRUST_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    clientSeen.set(null);
                    Outcome outcome = context.getBean(SwishPaymentProvider.class)
                            .status(new PaymentRequest("p-" + UUID.randomUUID(), "t-test", 1795, "SEK", Instant.EPOCH));
                    assertThat(outcome.state()).isEqualTo(Outcome.State.PENDING);
                    assertThat(clientSeen.get()).isEqualTo("CN=" + MERCHANT + ",O=Skanna Test");
                });
    }

    @Test
    void a_bundle_and_the_legacy_key_store_together_stop_startup() {
        contexts.withPropertyValues(complete())
                .withPropertyValues(
                        "skanna.payment.swish.key-store-password=" + CLIENT_PASSWORD,
                        "spring.ssl.bundle.jks.swish.keystore.location=" + clientStore.toUri(),
                        "spring.ssl.bundle.jks.swish.keystore.type=PKCS12",
                        "spring.ssl.bundle.jks.swish.keystore.password=" + CLIENT_PASSWORD)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("both the SSL bundle swish")
                        .hasMessageContaining("keep one"));
    }

    @Test
    void no_certificate_at_all_stops_startup_naming_the_bundle_settings() {
        contexts.withPropertyValues(
                        "skanna.payment.swish.enabled=true",
                        "skanna.payment.swish.base-url=https://mss.cpc.getswish.net",
                        "skanna.payment.swish.payee-alias=" + MERCHANT,
                        "skanna.payment.swish.callback-url=https://skanna.example/api/v1/payments/swish/callback")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("no merchant certificate")
                        .hasMessageContaining("spring.ssl.bundle.jks.swish.keystore.location"));
    }

    @Test
    void bad_values_stop_startup_naming_each_setting() {
        contexts.withPropertyValues(complete())
                .withPropertyValues(
                        "skanna.payment.swish.key-store-password=" + CLIENT_PASSWORD,
                        "skanna.payment.swish.payee-alias=0701234567",
                        "skanna.payment.swish.request-timeout=0s",
                        "skanna.payment.swish.message-prefix=Skanna <script>")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("payee-alias must be the merchant's Swish number")
                        .hasMessageContaining("request-timeout must be positive")
                        .hasMessageContaining("message-prefix must be at most 40 characters"));
    }

    @Test
    void swish_is_off_unless_enabled() {
        contexts.withPropertyValues("skanna.payment.swish.base-url=https://mss.cpc.getswish.net")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SwishPaymentProvider.class));
    }

    @EnableConfigurationProperties(SwishProperties.class)
    static class BoundAlways {}

    @Test
    void disabled_swish_settings_are_bound_but_not_checked() {
        // the application scans for configuration properties, so SwishProperties is bound with Swish off too
        new ApplicationContextRunner()
                .withUserConfiguration(BoundAlways.class)
                .withPropertyValues(
                        "skanna.payment.swish.payee-alias=0701234567",
                        "skanna.payment.swish.callback-url=http://skanna.example/callback")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SwishProperties.class).enabled()).isFalse();
                });
        new ApplicationContextRunner()
                .withUserConfiguration(BoundAlways.class)
                .withPropertyValues("skanna.payment.swish.enabled=true", "skanna.payment.swish.payee-alias=0701234567")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("payee-alias must be the merchant's Swish number")
                        .hasMessageContaining("base-url must be Swish's address")
                        .hasMessageContaining("callback-url must be an https URL"));
    }

    @Test
    void an_enabled_and_complete_configuration_starts_with_the_swish_method() {
        contexts.withPropertyValues(complete())
                .withPropertyValues("skanna.payment.swish.key-store-password=" + CLIENT_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SwishPaymentProvider.class);
                    assertThat(context.getBean(SwishPaymentProvider.class).method())
                            .isEqualTo("swish");
                });
    }

    @Test
    void a_missing_key_store_password_stops_startup_naming_the_environment_variable() {
        contexts.withPropertyValues(complete())
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("key-store-password is not set")
                        .hasMessageContaining("SKANNA_SWISH_KEYSTORE_PASSWORD"));
    }

    @Test
    void a_callback_url_without_https_stops_startup() {
        contexts.withPropertyValues(complete())
                .withPropertyValues(
                        "skanna.payment.swish.key-store-password=" + CLIENT_PASSWORD,
                        "skanna.payment.swish.callback-url=http://skanna.example/api/v1/payments/swish/callback")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("callback-url must be an https URL"));
    }

    @Test
    void plain_http_to_swish_is_only_for_tests() {
        contexts.withPropertyValues(complete())
                .withPropertyValues("skanna.payment.swish.base-url=http://127.0.0.1:9")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("plain http is only for tests"));
        contexts.withPropertyValues(complete())
                .withPropertyValues(
                        "skanna.payment.swish.base-url=http://127.0.0.1:9",
                        "skanna.payment.swish.allow-insecure-for-tests=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SwishPaymentProvider.class));
    }

    private static String[] complete() {
        return new String[] {
            "skanna.payment.swish.enabled=true",
            "skanna.payment.swish.base-url=https://mss.cpc.getswish.net",
            "skanna.payment.swish.payee-alias=" + MERCHANT,
            "skanna.payment.swish.callback-url=https://skanna.example/api/v1/payments/swish/callback",
            "skanna.payment.swish.key-store=" + clientStore,
            "skanna.payment.swish.trust-store=" + trustStore,
            "skanna.payment.swish.trust-store-password=" + TRUST_PASSWORD
        };
    }

    private static SwishPaymentProvider provider(SwishProperties properties) {
        return new SwishPaymentProvider(
                properties,
                SwishConfiguration.restClient(
                        properties, SwishConfiguration.certificate(properties, null), RestClient.builder()));
    }

    private static SwishProperties properties(String baseUrl) {
        return new SwishProperties(
                true,
                baseUrl,
                MERCHANT,
                "https://skanna.example/api/v1/payments/swish/callback",
                null,
                "Skanna",
                "swish",
                clientStore.toString(),
                CLIENT_PASSWORD,
                trustStore.toString(),
                TRUST_PASSWORD,
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(serverStore, SERVER_PASSWORD), SERVER_PASSWORD.toCharArray());
        KeyStore merchants = KeyStore.getInstance("PKCS12");
        merchants.load(null, null);
        merchants.setCertificateEntry(
                "merchant", load(clientStore, CLIENT_PASSWORD).getCertificate("merchant"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(merchants);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** Runs the keytool of the JDK running the tests. */
    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
