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

/** The manager's status form and HQ's incident form take a message in Swedish and one in English. */
@SkannaTest
class StoreMessagesConsoleTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Autowired
    StoreNetwork network;

    ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
        return session;
    }

    @Test
    void a_manager_sets_the_message_in_both_languages_and_the_form_shows_both_again() {
        Store store = fixtures.store();
        ConsoleSession session = signedIn(fixtures.account(Role.MANAGER, store.id()));
        String page = "/console/stores/" + store.id() + "/manager";
        assertThat(session.get(page).body()).contains("id=\"message-en\"");

        HttpResponse<String> saved = session.postWithToken(
                page,
                page + "/status",
                Map.of("status", "APP_ONLY", "message", "Kassorna är nere", "messageEn", "The tills are down"));

        assertThat(saved.statusCode()).isEqualTo(302);
        Store.Messages messages = network.get(store.id()).messages();
        assertThat(messages).isEqualTo(new Store.Messages("Kassorna är nere", "The tills are down"));
        assertThat(session.get(page).body())
                .contains("value=\"Kassorna är nere\"")
                .contains("value=\"The tills are down\"");
    }

    @Test
    void hq_declares_an_incident_with_an_english_message_through_the_preview() {
        List<Store> stores = fixtures.region(2);
        ConsoleSession session = signedIn(fixtures.account(Role.HQ));
        Map<String, String> form = Map.of(
                "title", "Kortbetalningar nere",
                "status", "APP_ONLY",
                "message", "Betala med Swish i appen",
                "messageEn", "Pay with Swish in the app",
                "region", stores.getFirst().region());

        HttpResponse<String> preview = session.postWithToken("/console/hq", "/console/hq/incidents/preview", form);
        assertThat(preview.body())
                .contains("name=\"messageEn\" value=\"Pay with Swish in the app\"")
                .contains("Meddelande på engelska: Pay with Swish in the app");
        HttpResponse<String> declared = session.postWithToken("/console/hq", "/console/hq/incidents", form);

        assertThat(declared.statusCode()).isEqualTo(302);
        for (Store store : stores) {
            assertThat(network.get(store.id()).messages())
                    .isEqualTo(new Store.Messages("Betala med Swish i appen", "Pay with Swish in the app"));
        }
    }
}
