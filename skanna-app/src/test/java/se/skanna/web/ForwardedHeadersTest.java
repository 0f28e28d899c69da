package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/**
 * X-Forwarded-* headers count only from {@code skanna.trusted-proxies}; absolute links come from
 * {@code skanna.public-url}, never from what a client says its host is.
 */
class ForwardedHeadersTest {

    /** Shows the tests what the application sees of each request: client address and whether it is secure. */
    @TestConfiguration
    static class SeenRequest {
        @Bean
        Filter seenRequest() {
            return (request, response, chain) -> {
                ((HttpServletResponse) response).setHeader("X-Seen-Remote-Addr", request.getRemoteAddr());
                ((HttpServletResponse) response).setHeader("X-Seen-Secure", String.valueOf(request.isSecure()));
                chain.doFilter(request, response);
            };
        }
    }

    @Nested
    @SkannaTest
    @Import(SeenRequest.class)
    @TestPropertySource(
            properties = {"skanna.trusted-proxies=127.0.0.1, ::1", "skanna.public-url=https://skanna.example.se/"})
    class BehindATrustedProxy {

        @LocalServerPort
        int port;

        @Autowired
        TestFixtures fixtures;

        Api api;

        @BeforeEach
        void setUp() {
            api = new Api(port);
        }

        @Test
        void the_client_is_the_address_the_proxy_saw_and_tls_at_the_proxy_makes_the_request_secure() {
            Api.Response answer = api.request("GET", "/api/v1/stores")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .header("X-Forwarded-Proto", "https")
                    .send();

            assertThat(answer.header("X-Seen-Remote-Addr")).isEqualTo("203.0.113.7");
            assertThat(answer.header("X-Seen-Secure")).isEqualTo("true");
            assertThat(answer.header("Strict-Transport-Security")).contains("max-age=");
        }

        @Test
        void a_client_prepending_its_own_x_forwarded_for_gets_the_address_the_proxy_appended() {
            Api.Response answer = api.request("GET", "/api/v1/stores")
                    .header("X-Forwarded-For", "198.51.100.99, 203.0.113.8")
                    .send();

            assertThat(answer.header("X-Seen-Remote-Addr")).isEqualTo("203.0.113.8");
            assertThat(answer.header("X-Seen-Secure")).isEqualTo("false");
            assertThat(answer.header("Strict-Transport-Security")).isNull();
        }

        @Test
        void a_proxy_sending_the_standard_forwarded_header_is_read_the_same_way() {
            Api.Response v4 = api.request("GET", "/api/v1/stores")
                    .header("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43")
                    .send();
            Api.Response v6 = api.request("GET", "/api/v1/stores")
                    .header("Forwarded", "For=\"[2001:db8:cafe::17]:4711\"")
                    .send();
            Api.Response chain = api.request("GET", "/api/v1/stores")
                    .header("Forwarded", "for=198.51.100.99, for=\"203.0.113.8:1234\";proto=http")
                    .send();
            Api.Response hidden = api.request("GET", "/api/v1/stores")
                    .header("Forwarded", "for=198.51.100.99, for=_hidden, for=unknown")
                    .send();

            assertThat(v4.header("X-Seen-Remote-Addr")).isEqualTo("192.0.2.60");
            assertThat(v4.header("X-Seen-Secure")).isEqualTo("true");
            assertThat(v6.header("X-Seen-Remote-Addr")).isEqualTo("2001:db8:cafe:0:0:0:0:17");
            assertThat(chain.header("X-Seen-Remote-Addr"))
                    .as("the address the proxy appended, not the one the client prepended")
                    .isEqualTo("203.0.113.8");
            assertThat(chain.header("X-Seen-Secure")).isEqualTo("false");
            assertThat(hidden.header("X-Seen-Remote-Addr"))
                    .as("obfuscated nodes are skipped")
                    .isEqualTo("198.51.100.99");
        }

        @Test
        void x_forwarded_for_wins_when_a_proxy_sends_both() {
            Api.Response answer = api.request("GET", "/api/v1/stores")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .header("Forwarded", "for=192.0.2.60")
                    .send();

            assertThat(answer.header("X-Seen-Remote-Addr")).isEqualTo("203.0.113.7");
        }

        @Test
        void the_entrance_poster_links_to_the_public_url_whatever_host_the_request_names() {
            Store store = fixtures.store();

            Api.Response poster = api.request("GET", "/stores/" + store.id() + "/poster")
                    .header("X-Forwarded-Host", "evil.example")
                    .send();

            assertThat(poster.status()).isEqualTo(200);
            assertThat(poster.body())
                    .contains("https://skanna.example.se/s/" + store.id())
                    .doesNotContain("evil.example")
                    .doesNotContain("localhost");
        }

        @Test
        void the_hq_poster_document_links_to_the_public_url_too() {
            Store store = fixtures.store();
            String hq = fixtures.account(Role.HQ);

            Api.Response posters = api.request(
                            "GET",
                            "/console/hq/posters?region=" + URLEncoder.encode(store.region(), StandardCharsets.UTF_8))
                    .as(hq, TestFixtures.PASSWORD)
                    .header("X-Forwarded-Host", "evil.example")
                    .send();

            assertThat(posters.status()).isEqualTo(200);
            assertThat(posters.body())
                    .contains("https://skanna.example.se/s/" + store.id())
                    .doesNotContain("evil.example");
        }
    }

    @Nested
    @SkannaTest
    @Import(SeenRequest.class)
    class WithoutTrustedProxies {

        @LocalServerPort
        int port;

        @Test
        void forwarded_headers_from_anyone_are_ignored() {
            for (List<String> header : List.of(
                    List.of("X-Forwarded-For", "203.0.113.7"),
                    List.of("X-Forwarded-Proto", "https"),
                    List.of("Forwarded", "for=203.0.113.7;proto=https"))) {
                Api.Response answer = new Api(port)
                        .request("GET", "/api/v1/stores")
                        .header(header.get(0), header.get(1))
                        .send();

                assertThat(answer.header("X-Seen-Remote-Addr"))
                        .as(header.get(0))
                        .isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
                assertThat(answer.header("X-Seen-Secure")).as(header.get(0)).isEqualTo("false");
                assertThat(answer.header("Strict-Transport-Security"))
                        .as(header.get(0))
                        .isNull();
            }
        }
    }
}
