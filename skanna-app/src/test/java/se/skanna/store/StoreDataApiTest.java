package se.skanna.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.skanna.staff.Role;
import se.skanna.support.Api;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/** Store data over the API: HQ's import with address, position and hours; messages in two languages; the feeds. */
@SkannaTest
class StoreDataApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    Api api() {
        return new Api(port);
    }

    @Test
    void hq_imports_new_stores_with_address_position_and_hours_and_updates_known_ones() {
        String hq = fixtures.account(Role.HQ);
        String id = TestFixtures.unique("imp");
        String region = TestFixtures.unique("Importlän ");
        Map<String, Object> store = Map.of(
                "id", id,
                "name", "Matboden Nära Vännäs Centrum",
                "city", "Vännäs",
                "region", region,
                "street", "Storgatan 3",
                "postcode", "91132",
                "lat", 63.908,
                "lon", 19.751,
                "openingHours", "Mon-Fri 7-22, sat-sun 8-22");

        Api.Response created = api().request("POST", "/api/v1/stores")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("stores", List.of(store)))
                .send();

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("created").asInt()).isEqualTo(1);
        JsonNode json = api().get("/api/v1/stores/" + id).json();
        assertThat(json.get("postcode").asString()).isEqualTo("911 32");
        assertThat(json.get("street").asString()).isEqualTo("Storgatan 3");
        assertThat(json.get("lat").asDouble()).isEqualTo(63.908);
        assertThat(json.get("openingHours").asString()).isEqualTo("mon-fri 07-22, sat-sun 08-22");
        assertThat(json.get("status").asString()).isEqualTo("OPEN");
        assertThat(api().get("/api/v1/stores?q=" + "911%2032")
                        .json()
                        .get("stores")
                        .size())
                .isEqualTo(1);

        api().request("PUT", "/api/v1/stores/" + id + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt"))
                .send();
        Map<String, Object> moved = new java.util.HashMap<>(store);
        moved.put("street", "Järnvägsgatan 9");
        Api.Response updated = api().request("POST", "/api/v1/stores")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("stores", List.of(moved)))
                .send();
        assertThat(updated.json().get("updated").asInt()).isEqualTo(1);
        JsonNode after = api().get("/api/v1/stores/" + id).json();
        assertThat(after.get("street").asString()).isEqualTo("Järnvägsgatan 9");
        assertThat(after.get("status").asString())
                .as("an import leaves the status alone")
                .isEqualTo("CLOSED");
    }

    @Test
    void one_bad_entry_rejects_the_whole_import_with_every_problem_listed() {
        String hq = fixtures.account(Role.HQ);
        String good = TestFixtures.unique("imp");
        Api.Response rejected = api().request("POST", "/api/v1/stores")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "stores",
                        List.of(
                                Map.of(
                                        "id",
                                        good,
                                        "name",
                                        "Matboden Bra",
                                        "city",
                                        "Umeå",
                                        "region",
                                        "Västerbottens län"),
                                Map.of(
                                        "id", "bad id!",
                                        "name", "Matboden Fel",
                                        "city", "Oslo",
                                        "region", "Norge",
                                        "postcode", "0150",
                                        "lat", 59.91,
                                        "lon", 10.75,
                                        "openingHours", "always"))))
                .send();

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.problemCode()).isEqualTo("import_rejected");
        assertThat(rejected.json().get("errors").findValuesAsString("path"))
                .containsExactlyInAnyOrder(
                        "stores[1].id", "stores[1].postcode", "stores[1].lat", "stores[1].openingHours");
        assertThat(api().get("/api/v1/stores/" + good).status())
                .as("nothing was imported")
                .isEqualTo(404);
    }

    @Autowired
    StoreNetwork network;

    @Test
    void stores_from_before_addresses_get_theirs_filled_in_once_and_keep_them() {
        Store old = fixtures.store();
        Store placed = old.withDetails("Storgatan 1", "903 26", 63.82, 20.26, "mon-sun 07-22");

        assertThat(network.fillInDetails(List.of(placed))).isEqualTo(1);
        assertThat(network.fillInDetails(List.of(old.withDetails("Annan väg 2", "111 22", 59.3, 18.0, null))))
                .as("a store that has a position keeps it")
                .isZero();

        JsonNode json = api().get("/api/v1/stores/" + old.id()).json();
        assertThat(json.get("street").asString()).isEqualTo("Storgatan 1");
        assertThat(json.get("postcode").asString()).isEqualTo("903 26");
        assertThat(json.get("name").asString()).isEqualTo(old.name());
    }

    @Test
    void only_hq_imports_stores() {
        Store store = fixtures.store();
        String manager = fixtures.account(Role.MANAGER, store.id());
        Map<String, Object> body =
                Map.of("stores", List.of(Map.of("id", store.id(), "name", "X", "city", "Y", "region", "Z")));

        assertThat(api().request("POST", "/api/v1/stores").json(body).send().status())
                .isEqualTo(401);
        assertThat(api().request("POST", "/api/v1/stores")
                        .as(manager, TestFixtures.PASSWORD)
                        .json(body)
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/stores/" + store.id()).json().get("name").asString())
                .isEqualTo(store.name());
    }

    @Test
    void a_status_message_in_swedish_and_english_and_message_alone_still_works() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);

        JsonNode both = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "APP_ONLY", "messages", Map.of("sv", "Handla med appen", "en", "Use the app")))
                .send()
                .json();
        assertThat(both.get("message").asString()).isEqualTo("Handla med appen");
        assertThat(both.get("messages").get("sv").asString()).isEqualTo("Handla med appen");
        assertThat(both.get("messages").get("en").asString()).isEqualTo("Use the app");

        JsonNode swedish = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "message", "Stängt"))
                .send()
                .json();
        assertThat(swedish.get("messages").get("sv").asString()).isEqualTo("Stängt");
        assertThat(swedish.get("messages").get("en").isNull()).isTrue();

        Api.Response tooLong = api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "messages", Map.of("en", "x".repeat(501))))
                .send();
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("messages.en");
    }

    @Test
    void an_incident_carries_both_languages_and_resolving_it_restores_both() {
        List<Store> stores = fixtures.region(2);
        String hq = fixtures.account(Role.HQ);
        api().request("PUT", "/api/v1/stores/" + stores.getFirst().id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "APP_ONLY", "messages", Map.of("sv", "Före", "en", "Before")))
                .send();

        Api.Response declared = api().request("POST", "/api/v1/incidents")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of(
                        "title",
                        "Kortterminalerna nere",
                        "status",
                        "APP_ONLY",
                        "messages",
                        Map.of("sv", "Betala i appen", "en", "Pay in the app"),
                        "region",
                        stores.getFirst().region()))
                .send();
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("messages").get("en").asString()).isEqualTo("Pay in the app");
        JsonNode during = api().get("/api/v1/stores/" + stores.get(1).id()).json();
        assertThat(during.get("messages").get("en").asString()).isEqualTo("Pay in the app");
        assertThat(during.get("message").asString()).isEqualTo("Betala i appen");

        api().request("POST", "/api/v1/incidents/" + declared.json().get("id").asString() + "/resolve")
                .as(hq, TestFixtures.PASSWORD)
                .send();
        JsonNode restored =
                api().get("/api/v1/stores/" + stores.getFirst().id()).json();
        assertThat(restored.get("messages").get("sv").asString()).isEqualTo("Före");
        assertThat(restored.get("messages").get("en").asString()).isEqualTo("Before");
    }

    @Test
    void the_feeds_have_an_entry_per_status_change_and_are_validated_by_the_store_revision() {
        Store store = fixtures.store();
        String hq = fixtures.account(Role.HQ);
        api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "CLOSED", "messages", Map.of("sv", "Strömavbrott <i dag>", "en", "Power cut")))
                .send();

        Api.Response atom = api().request("GET", "/stores.atom")
                .header("Accept-Language", "sv")
                .send();
        assertThat(atom.status()).isEqualTo(200);
        assertThat(atom.contentType()).startsWith("application/atom+xml");
        assertThat(atom.body())
                .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .contains("<title>" + store.name() + ": Stängd</title>")
                .contains("<summary>Strömavbrott &lt;i dag&gt;</summary>")
                .contains("/stores/" + store.id() + "\"");
        String etag = atom.header("ETag");
        assertThat(etag).startsWith("W/\"atom-");
        assertThat(atom.header("Last-Modified")).isNotNull();
        assertThat(api().request("GET", "/stores.atom")
                        .header("Accept-Language", "sv")
                        .header("If-None-Match", etag)
                        .send()
                        .status())
                .isEqualTo(304);

        Api.Response feed = api().request("GET", "/stores.json")
                .header("Accept-Language", "en")
                .send();
        assertThat(feed.contentType()).startsWith("application/feed+json");
        JsonNode json = feed.json();
        assertThat(json.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        JsonNode first = json.get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo(store.name() + ": Closed");
        assertThat(first.get("content_text").asString()).isEqualTo("Power cut");
        assertThat(first.get("_skanna").get("storeId").asString()).isEqualTo(store.id());

        api().request("PUT", "/api/v1/stores/" + store.id() + "/status")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("status", "OPEN"))
                .send();
        Api.Response changed = api().request("GET", "/stores.atom")
                .header("Accept-Language", "sv")
                .header("If-None-Match", etag)
                .send();
        assertThat(changed.status()).as("a new change, a new feed").isEqualTo(200);
        assertThat(changed.body()).contains("<title>" + store.name() + ": Öppen</title>");
    }

    @Test
    void an_import_without_stores_is_refused_naming_the_field_and_changes_nothing() {
        String hq = fixtures.account(Role.HQ);
        long before = network.storedCount();
        Map<String, Object> nullStores = new java.util.HashMap<>();
        nullStores.put("stores", null);

        for (Object body : List.of(Map.of("stores", List.of()), Map.of(), nullStores)) {
            Api.Response refused = api().request("POST", "/api/v1/stores")
                    .as(hq, TestFixtures.PASSWORD)
                    .json(body)
                    .send();

            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemCode()).isEqualTo("validation_failed");
            assertThat(refused.json().get("detail").asString()).isEqualTo("Give between 1 and 5000 stores.");
            assertThat(refused.json().at("/errors/0/path").asString()).isEqualTo("stores");
        }
        assertThat(network.storedCount()).isEqualTo(before);
    }
}
