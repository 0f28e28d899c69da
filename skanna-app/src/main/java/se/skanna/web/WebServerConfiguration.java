package se.skanna.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import se.skanna.shared.ErrorCode;

/**
 * A scanned GS1 Digital Link is a URI, and clients send it URL-encoded as one path segment of
 * {@code /api/v1/barcodes/{code}}. Tomcat and Spring Security refuse encoded slashes by default; Skanna
 * passes them through undecoded (so they can never split a path) and matches them as part of one segment.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

    /** Calls whose last path segment is a scanned code. */
    private static final Pattern CODE_IN_LAST_SEGMENT =
            Pattern.compile("^/api/v1/(barcodes|stores/[^/]+/products)/[^/]+$");

    @Bean
    TomcatConnectorCustomizer encodedSlashesStayInTheirSegment() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /** Strict everywhere but in calls whose last segment is a scanned code, which may be a whole encoded URI. */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall strict = new StrictHttpFirewall();
        StrictHttpFirewall barcodes = new StrictHttpFirewall();
        barcodes.setAllowUrlEncodedSlash(true);
        barcodes.setAllowUrlEncodedDoubleSlash(true);
        barcodes.setAllowUrlEncodedPercent(true);
        return new HttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                return pick(request).getFirewalledRequest(request);
            }

            @Override
            public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
                return strict.getFirewalledResponse(response);
            }

            private HttpFirewall pick(HttpServletRequest request) {
                String uri = request.getRequestURI();
                return uri != null && CODE_IN_LAST_SEGMENT.matcher(uri).matches() ? barcodes : strict;
            }
        };
    }

    /** Requests the firewall refuses get the same problem+json as every other error. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> {
            response.setStatus(400);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write(ProblemResponses.json(ErrorCode.MALFORMED_REQUEST, "The request address is not allowed."));
        };
    }
}
