package se.skanna.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address shoppers and staff reach Skanna at ({@code skanna.public-url}, e.g. {@code https://skanna.example.se}),
 * the base of every absolute link and QR code (entrance posters). A request's Host header is the client's to
 * choose, so a poster printed from a request sent with a forged Host would send every shopper elsewhere; with
 * the setting the request's host plays no part. Unset, the embedded demo builds links from the request (as seen
 * through {@code skanna.trusted-proxies}), and Skanna warns at start when that happens outside the demo.
 */
@Component
public class PublicUrl {

    private static final Logger log = LoggerFactory.getLogger(PublicUrl.class);

    private final String configured;

    PublicUrl(@Value("${skanna.public-url:}") String url, @Value("${skanna.demo.enabled:true}") boolean demo) {
        this.configured = url == null || url.isBlank() ? null : normalise(url.strip());
        if (configured == null && !demo) {
            log.warn("skanna.public-url (SKANNA_PUBLIC_URL) is not set: absolute links and entrance-poster QR codes"
                    + " are built from each request's Host header. Set it to the address shoppers use.");
        }
    }

    /** Scheme, host, port and path prefix without a trailing slash, e.g. {@code https://skanna.example.se}. */
    public String base() {
        return configured != null
                ? configured
                : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    /** The absolute address of {@code path} (which starts with a slash). */
    public String of(String path) {
        return base() + path;
    }

    private static String normalise(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("skanna.public-url is not a URL: " + url, e);
        }
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalStateException(
                    "skanna.public-url must be an http(s) address without query or fragment, e.g."
                            + " https://skanna.example.se; it is " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
