package se.skanna.payment.swish;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client that talks to Swish: mutual TLS with the merchant's certificate (PKCS#12 from Swish's
 * certificate portal) and, optionally, a trust store with Swish's server root. Plain http only for the in-process
 * simulator in tests.
 */
final class SwishTls {

    private SwishTls() {}

    static HttpClient httpClient(SwishProperties properties) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (!properties.plainHttp()) {
            builder.sslContext(sslContext(properties));
        }
        return builder.build();
    }

    /** Client key and certificate from the key store; server trust from the trust store, else the JDK's. */
    static SSLContext sslContext(SwishProperties properties) {
        try {
            char[] keyPassword = properties.keyStorePassword().toCharArray();
            KeyStore keys = load(Path.of(properties.keyStore()), keyPassword, "key-store");
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
                throw new IllegalStateException("Swish key-store " + properties.keyStore()
                        + " holds no private key: it must be the merchant certificate with its key (PKCS#12)");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, keyPassword);
            TrustManagerFactory trustManagers = null;
            if (properties.trustStore() != null && !properties.trustStore().isBlank()) {
                String password = properties.trustStorePassword();
                KeyStore trust = load(
                        Path.of(properties.trustStore()),
                        password == null || password.isEmpty() ? null : password.toCharArray(),
                        "trust-store");
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Swish TLS could not be set up: " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyStore load(Path file, char[] password, String what) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            // a wrong password surfaces as an IOException from PKCS#12
            throw new IllegalStateException(
                    "Swish " + what + " " + file + " could not be read (wrong password or not PKCS#12): "
                            + e.getMessage(),
                    e);
        }
        return store;
    }
}
