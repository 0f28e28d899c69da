package se.skanna.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;

/**
 * A web slice (MockMvc, no server, no database): the web module's error answers, which every endpoint's clients
 * branch on, checked in well under a second each against a stand-in controller. problem+json with a stable
 * {@code code} for a domain refusal, a malformed body, an unknown field (strict JSON), a wrong method and a wrong
 * media type.
 */
@WebMvcTest(
        controllers = ProblemAnswersWebTest.Probe.class,
        // other modules' web parts (status-page cache, sign-in filters, console error pages) are not this slice's
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.REGEX, pattern = "se\\.skanna\\.(store|staff|console)\\..*"))
@AutoConfigureMockMvc(addFilters = false)
@Import(ProblemAnswersWebTest.Probe.class)
class ProblemAnswersWebTest {

    @Autowired
    MockMvc mvc;

    /** The web module's settings, as the application binds them. */
    @TestConfiguration
    @EnableConfigurationProperties(RequestSizeLimitFilter.Limits.class)
    static class WebSettings {}

    record Order(String item, int count) {}

    @RestController
    static class Probe {

        @GetMapping("/api/v1/probe/refused")
        Map<String, String> refused() {
            throw new ProblemException(ErrorCode.TRIP_NOT_OPEN, "This trip is PAID.", Map.of("tripStatus", "PAID"));
        }

        @PostMapping("/api/v1/probe/orders")
        Order order(@RequestBody Order order) {
            return order;
        }
    }

    @Test
    void a_domain_refusal_is_problem_json_with_its_code_status_and_extension_members() throws Exception {
        mvc.perform(get("/api/v1/probe/refused"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("trip_not_open"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail").value("This trip is PAID."))
                .andExpect(jsonPath("$.title").value("Trip not open"))
                .andExpect(jsonPath("$.tripStatus").value("PAID"));
    }

    @Test
    void an_extension_cannot_replace_a_standard_member() {
        for (String member : ProblemException.STANDARD_MEMBERS) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new ProblemException(ErrorCode.TRIP_NOT_OPEN, "x", Map.of(member, "PAID")))
                    .as(member)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_good_body_is_answered_and_bad_bodies_are_malformed_requests() throws Exception {
        mvc.perform(post("/api/v1/probe/orders")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"milk\",\"count\":2}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(2));
        for (String bad :
                new String[] {"{\"item\":", "{\"item\":\"milk\",\"count\":2,\"price\":1}", "{\"count\":2.5}"}) {
            mvc.perform(post("/api/v1/probe/orders")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.code").value("malformed_request"));
        }
    }

    @Test
    void a_wrong_method_or_media_type_is_a_problem_too() throws Exception {
        mvc.perform(post("/api/v1/probe/refused"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("method_not_allowed"));
        mvc.perform(post("/api/v1/probe/orders")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("milk"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported_media_type"));
    }
}
