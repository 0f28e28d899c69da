package se.skanna.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;

/** Console forms hold free text to the same rule as the API: no NUL, controls or bidi overrides. */
@SkannaTest
class ConsoleFormTextTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    StoreNetwork network;

    @Test
    void a_store_message_with_a_nul_or_a_bidi_override_is_refused_on_a_page_naming_the_field() {
        Store store = fixtures.store();
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(fixtures.account(Role.HQ), TestFixtures.PASSWORD)
                        .statusCode())
                .isEqualTo(302);
        String page = "/console/stores/" + store.id() + "/manager";

        for (String bad : List.of("Stängt\u0000", "Öppet \u202Egnägts")) {
            HttpResponse<String> answer = session.postWithToken(
                    page, page + "/status", List.of(Map.entry("status", "CLOSED"), Map.entry("message", bad)));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/html");
            assertThat(answer.body()).contains("&#39;message&#39;");
        }
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");

        HttpResponse<String> asked = session.postWithToken(
                page, page + "/status", List.of(Map.entry("status", "CLOSED"), Map.entry("message", "Stängt")));
        assertThat(asked.statusCode()).as("closing asks first").isEqualTo(200);
        assertThat(asked.body()).contains("Stänga " + store.name() + "?");
        assertThat(network.get(store.id()).status().name()).isEqualTo("OPEN");
        HttpResponse<String> fine = session.postWithToken(
                page,
                page + "/status",
                List.of(Map.entry("status", "CLOSED"), Map.entry("message", "Stängt"), Map.entry("confirmed", "yes")));
        assertThat(fine.statusCode()).isEqualTo(302);
        assertThat(network.get(store.id()).status().name()).isEqualTo("CLOSED");
    }
}
