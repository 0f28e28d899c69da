package se.skanna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * Every /api/v1 operation's success answer is typed in the OpenAPI document: a named schema or one with its
     * properties, never a bare object whose keys are anything (a {@code Map}); and so is every property of the
     * named schemas, except the problem's extension members and dictionaries with typed values. Lists are held to
     * the same rule through their items.
     */
    @Test
    void every_api_answer_has_a_typed_schema() {
        JsonNode doc = new Api(port).get("/v3/api-docs").json();
        List<String> untyped = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            path.getValue()
                    .properties()
                    .forEach(operation -> operation
                            .getValue()
                            .path("responses")
                            .properties()
                            .forEach(response -> {
                                if (!response.getKey().startsWith("2")) {
                                    return;
                                }
                                response.getValue().path("content").properties().forEach(content -> {
                                    String where = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                                            + path.getKey() + " " + response.getKey() + " " + content.getKey();
                                    untypedIn(content.getValue().path("schema"), where, untyped);
                                });
                            }));
        });
        doc.path("components").path("schemas").properties().forEach(schema -> {
            if (schema.getKey().equals("Problem")) {
                return; // its extension members are open by design (problem+json)
            }
            schema.getValue().path("properties").properties().forEach(property -> {
                JsonNode values = property.getValue().path("additionalProperties");
                if (!values.isObject() || values.isEmpty()) {
                    // a dictionary of typed values (counts by status, a code's AIs) is typed
                    untypedIn(property.getValue(), schema.getKey() + "." + property.getKey(), untyped);
                }
            });
        });

        assertThat(untyped).as("schemas that are bare maps").isEmpty();
        assertThat(doc.at("/paths/~1api~1v1~1trips~1{tripId}~1receipt/get/responses/200/content/application~1json"
                                + "/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Receipt");
    }

    private static void untypedIn(JsonNode schema, String where, List<String> untyped) {
        if (schema.has("$ref") || schema.has("properties")) {
            return;
        }
        if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            return;
        }
        String type = schema.path("type").asString("");
        if (type.equals("array")) {
            untypedIn(schema.path("items"), where + "[]", untyped);
        } else if (type.isEmpty() || type.equals("object")) {
            untyped.add(where + " " + schema);
        }
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
