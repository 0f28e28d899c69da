package se.skanna.payment.swish;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code skanna.payment.swish.*}: the merchant's Swish Handel agreement. The passwords come from the environment
 * only ({@code SKANNA_SWISH_KEYSTORE_PASSWORD}, {@code SKANNA_SWISH_TRUSTSTORE_PASSWORD}, mapped in
 * application.yml); they never appear in {@link #toString()}.
 */
@ConfigurationProperties("skanna.payment.swish")
record SwishProperties(
        boolean enabled,
        String baseUrl,
        String payeeAlias,
        String callbackUrl,
        String returnUrl,
        @DefaultValue("Skanna") String messagePrefix,
        String keyStore,
        String keyStorePassword,
        String trustStore,
        String trustStorePassword,
        boolean allowInsecureForTests,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout) {

    /** Swish numbers of merchants: ten digits starting with 123. */
    private static final java.util.regex.Pattern PAYEE_ALIAS = java.util.regex.Pattern.compile("123\\d{7}");

    static final String KEY_STORE_PASSWORD_ENV = "SKANNA_SWISH_KEYSTORE_PASSWORD";

    boolean plainHttp() {
        return baseUrl != null && baseUrl.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    /** Refuses to start with a configuration that cannot work, naming every problem at once. */
    void validate() {
        List<String> problems = new ArrayList<>();
        URI base = parse(baseUrl);
        if (base == null || base.getHost() == null) {
            problems.add("base-url must be Swish's address, e.g. https://mss.cpc.getswish.net (test) or"
                    + " https://cpc.getswish.net (production)");
        } else if (plainHttp() && !allowInsecureForTests) {
            problems.add("base-url must use https; plain http is only for tests"
                    + " (skanna.payment.swish.allow-insecure-for-tests=true)");
        } else if (!plainHttp() && !"https".equalsIgnoreCase(base.getScheme())) {
            problems.add("base-url must use https");
        }
        if (payeeAlias == null || !PAYEE_ALIAS.matcher(payeeAlias).matches()) {
            problems.add("payee-alias must be the merchant's Swish number (ten digits starting with 123)");
        }
        if (!isHttps(callbackUrl)) {
            problems.add("callback-url must be an https URL that Swish can reach (Swish calls https only)");
        }
        if (returnUrl != null && !returnUrl.isBlank() && !isHttps(returnUrl)) {
            problems.add("return-url, when set, must be an https URL");
        }
        if (messagePrefix == null
                || messagePrefix.length() > 40
                || !SwishFormat.MESSAGE.matcher(messagePrefix).matches()) {
            problems.add("message-prefix must be at most 40 characters of a-ö, A-Ö, 0-9, space and :;.,?!()\"");
        }
        if (!plainHttp()) {
            if (keyStore == null || keyStore.isBlank()) {
                problems.add("key-store must name the merchant's PKCS#12 certificate file (mutual TLS)");
            } else if (!Files.isReadable(Path.of(keyStore))) {
                problems.add("key-store " + keyStore + " cannot be read");
            }
            if (keyStorePassword == null || keyStorePassword.isEmpty()) {
                problems.add("key-store-password is not set: set " + KEY_STORE_PASSWORD_ENV + " in the environment");
            }
            if (trustStore != null && !trustStore.isBlank() && !Files.isReadable(Path.of(trustStore))) {
                problems.add("trust-store " + trustStore + " cannot be read");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Swish is enabled (skanna.payment.swish.enabled=true) but not configured: "
                    + String.join("; ", problems) + ".");
        }
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
                + ", callbackUrl=" + callbackUrl + ", returnUrl=" + returnUrl + ", keyStore=" + keyStore
                + ", keyStorePassword=" + mask(keyStorePassword) + ", trustStore=" + trustStore
                + ", trustStorePassword=" + mask(trustStorePassword) + ", allowInsecureForTests="
                + allowInsecureForTests + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(not set)" : "(set)";
    }
}
