package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.shared.ErrorCode;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

@SkannaTest
class OperationsEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void health_and_probes_are_public() {
        Api api = new Api(port);

        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheus_metrics_need_an_hq_account() {
        Api api = new Api(port);
        String hq = fixtures.account(Role.HQ);
        api.get("/api/v1/stores");

        Api.Response anonymous = api.get("/actuator/prometheus");
        Api.Response asHq = api.request("GET", "/actuator/prometheus")
                .as(hq, TestFixtures.PASSWORD)
                .send();

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(asHq.status()).isEqualTo(200);
        assertThat(asHq.body()).contains("http_server_requests_seconds_count").contains("jvm_threads_live_threads");
    }

    @Test
    void the_openapi_document_lists_the_store_calls_and_every_error_code() {
        JsonNode doc = new Api(port).get("/v3/api-docs").json();

        assertThat(doc.get("paths").propertyNames())
                .contains(
                        "/api/v1/stores",
                        "/api/v1/stores/{storeId}",
                        "/api/v1/stores/{storeId}/status",
                        "/api/v1/incidents",
                        "/api/v1/incidents/{incidentId}/resolve");
        JsonNode codes = doc.at("/components/schemas/Problem/properties/code/enum");
        assertThat(codes.valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
    }

    @Test
    void pages_send_security_headers() {
        Api.Response page = new Api(port).get("/stores");

        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(page.header("Permissions-Policy")).contains("camera=(self)").contains("geolocation=(self)");
        assertThat(page.raw().headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).containsIgnoringCase("Accept-Language"));
    }

    @Test
    void the_status_page_is_kept_per_language_and_filter_until_a_store_changes() {
        Api api = new Api(port);
        java.util.List<se.skanna.store.Store> stores = fixtures.region(2);
        String path = "/stores?region="
                + java.net.URLEncoder.encode(stores.getFirst().region(), java.nio.charset.StandardCharsets.UTF_8);
        String hq = fixtures.account(Role.HQ);

        Api.Response swedish =
                api.request("GET", path).header("Accept-Language", "sv").send();
        Api.Response again =
                api.request("GET", path).header("Accept-Language", "sv").send();
        Api.Response english =
                api.request("GET", path).header("Accept-Language", "en").send();
        api.request("PUT", "/api/v1/stores/" + stores.getFirst().id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(java.util.Map.of("status", "CLOSED", "message", "Stängt idag"))
                .send();
        Api.Response changed =
                api.request("GET", path).header("Accept-Language", "sv").send();

        assertThat(again.body()).isEqualTo(swedish.body());
        assertThat(swedish.body()).contains("Öppen").doesNotContain("_csrf");
        assertThat(english.body()).contains("Open").doesNotContain("Öppen");
        assertThat(changed.body()).contains("Stängt idag").contains("Stängd");
    }
}
