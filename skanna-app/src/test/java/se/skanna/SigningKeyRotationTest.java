package se.skanna;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.skanna.receipt.JournalCheck;
import se.skanna.receipt.Receipts;
import se.skanna.staff.Role;
import se.skanna.staff.StaffAccounts;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import se.skanna.store.StoreStatus;
import se.skanna.support.Api;
import se.skanna.support.PostgresSchema;
import se.skanna.support.SkannaNode;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/**
 * A chain rotates its signing key: a node with the old key signs a receipt and an exit pass, a node started
 * with {@code skanna.signing.rotate=true} and a new key takes over. Every signature names its key, what the old
 * key signed still verifies, and the journal check names the key of each entry. Runs on H2 and on PostgreSQL.
 */
class SigningKeyRotationTest {

    private static PostgresSchema schema;
    private static String url;
    private static SkannaNode node;
    private static Store store;
    private static String staff;
    private static String oldKey;
    private static String newKey;
    private static String oldReceipt;
    private static String oldPass;
    private static String newReceipt;

    @BeforeAll
    static void rotate(@TempDir Path keys) throws SQLException {
        String configured = System.getenv("SPRING_DATASOURCE_URL");
        if (configured != null && configured.startsWith("jdbc:postgresql:")) {
            schema = PostgresSchema.create("skanna_rotation_");
            url = schema.url();
        } else {
            url = "jdbc:h2:mem:rotation-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }
        SkannaNode first = start(keys.resolve("old-ed25519.pk8"), false);
        try {
            store = new Store(
                    TestFixtures.unique("r"),
                    "Matboden Nyckel",
                    "Nyckelby",
                    "Nyckellän",
                    StoreStatus.OPEN,
                    null,
                    Instant.now());
            first.bean(StoreNetwork.class).register(List.of(store));
            staff = TestFixtures.unique("staff-");
            first.bean(StaffAccounts.class).create(staff, TestFixtures.PASSWORD, Role.STAFF, Set.of(store.id()));
            oldKey = first.api().get("/api/v1/keys/signing").json().get("keyId").asString();
            String[] trip = paidTrip(first);
            oldReceipt = receipt(first, trip).get("receiptId").asString();
            oldPass = first.api()
                    .request("GET", "/api/v1/trips/" + trip[0] + "/exit-pass")
                    .header("Authorization", "Bearer " + trip[1])
                    .send()
                    .json()
                    .get("token")
                    .asString();
        } finally {
            first.close();
        }
        node = start(keys.resolve("new-ed25519.pk8"), true);
        newKey = node.api().get("/api/v1/keys/signing").json().get("keyId").asString();
        newReceipt = receipt(node, paidTrip(node)).get("receiptId").asString();
    }

    @AfterAll
    static void stop() throws SQLException {
        if (node != null) {
            node.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void the_new_key_signs_and_the_old_one_stays_published() {
        assertThat(newKey).isNotEqualTo(oldKey);
        JsonNode published = node.api().get("/api/v1/keys/signing").json();
        assertThat(published.get("keys").findValuesAsString("keyId")).contains(newKey, oldKey);
    }

    @Test
    void each_receipt_names_its_key_and_verifies_under_it() {
        JsonNode oldCheck = node.api()
                .get("/api/v1/receipts/" + oldReceipt + "/verification")
                .json();
        JsonNode newCheck = node.api()
                .get("/api/v1/receipts/" + newReceipt + "/verification")
                .json();

        assertThat(oldCheck.get("valid").asBoolean()).as(oldCheck.toString()).isTrue();
        assertThat(oldCheck.get("keyId").asString()).isEqualTo(oldKey);
        assertThat(newCheck.get("valid").asBoolean()).as(newCheck.toString()).isTrue();
        assertThat(newCheck.get("keyId").asString()).isEqualTo(newKey);
    }

    @Test
    void an_exit_pass_signed_with_the_old_key_still_passes_after_the_rotation() {
        Api.Response verdict = node.api()
                .request("POST", "/api/v1/exit/verify")
                .as(staff, TestFixtures.PASSWORD)
                .json(Map.of("token", oldPass))
                .send();

        assertThat(verdict.json().get("result").asString()).as(verdict.body()).isEqualTo("PASS");
    }

    @Test
    void the_journal_check_names_the_key_of_each_entry_and_refuses_an_unknown_one() {
        Receipts receipts = node.bean(Receipts.class);
        JournalCheck whole = receipts.verifyJournal(store.id(), true);

        assertThat(whole.valid()).isTrue();
        assertThat(whole.keys())
                .containsExactly(new JournalCheck.KeyRun(oldKey, 1, 1), new JournalCheck.KeyRun(newKey, 2, 2));

        JdbcClient jdbc = node.bean(JdbcClient.class);
        String forged = "ffffffffffffffff";
        jdbc.sql("update journal_entry set key_id = :forged where store_id = :store and seq = 2")
                .param("forged", forged)
                .param("store", store.id())
                .update();
        try {
            JournalCheck broken = receipts.verifyJournal(store.id(), true);

            assertThat(broken.valid()).isFalse();
            assertThat(broken.firstBrokenEntry()).isEqualTo(2L);
            assertThat(broken.keyId()).isEqualTo(forged);
            assertThat(broken.reason()).contains(forged).contains("not one of the chain's keys");
            assertThat(broken.keys()).containsExactly(new JournalCheck.KeyRun(oldKey, 1, 1));
        } finally {
            jdbc.sql("update journal_entry set key_id = :key where store_id = :store and seq = 2")
                    .param("key", newKey)
                    .param("store", store.id())
                    .update();
        }
    }

    private static SkannaNode start(Path keyFile, boolean rotate) {
        return SkannaNode.start(Map.of(
                "spring.datasource.url", url,
                "skanna.signing.key-file", keyFile.toString(),
                "skanna.signing.rotate", Boolean.toString(rotate)));
    }

    private static String[] paidTrip(SkannaNode on) {
        Api api = new Api(on.port(), Api.freshAddress());
        String milk = TestFixtures.gtin();
        String hq = TestFixtures.unique("hq-");
        on.bean(StaffAccounts.class).create(hq, TestFixtures.PASSWORD, Role.HQ, Set.of());
        Api.Response imported = api.request("POST", "/api/v1/catalog/imports")
                .as(hq, TestFixtures.PASSWORD)
                .json(Map.of("products", List.of(TestFixtures.product(milk, "Mellanmjölk 1 l", 1795))))
                .send();
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        String[] trip = TestFixtures.tripWith(api, store.id(), milk);
        Api.Response paid = api.request("POST", "/api/v1/trips/" + trip[0] + "/checkout")
                .header("Authorization", "Bearer " + trip[1])
                .header("Idempotency-Key", "key-" + UUID.randomUUID())
                .json(Map.of("method", "test"))
                .send();
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        return trip;
    }

    private static JsonNode receipt(SkannaNode on, String[] trip) {
        JsonNode receipt = on.api()
                .request("GET", "/api/v1/trips/" + trip[0] + "/receipt")
                .header("Authorization", "Bearer " + trip[1])
                .send()
                .json();
        assertThat(receipt.get("keyId").asString()).isNotBlank();
        return receipt;
    }
}
