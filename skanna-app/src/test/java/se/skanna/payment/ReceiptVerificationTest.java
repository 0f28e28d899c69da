package se.skanna.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.skanna.staff.Role;
import se.skanna.support.SkannaTest;
import se.skanna.support.TestFixtures;
import tools.jackson.databind.JsonNode;

/**
 * The public receipt check reads the receipt, its journal entry and that entry's neighbours, never the whole
 * journal; the managers' whole-journal check goes on from a signed checkpoint of the last check that passed.
 */
@SkannaTest
class ReceiptVerificationTest extends CheckoutTest.CheckoutCase {

    List<String> receipts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] trip = tripWith(milk);
            assertThat(checkout(trip, "key-" + UUID.randomUUID()).status()).isEqualTo(200);
            ids.add(get(trip, "receipt").json().get("receiptId").asString());
        }
        return ids;
    }

    JsonNode check(String receiptId) {
        return api.get("/api/v1/receipts/" + receiptId + "/verification").json();
    }

    JsonNode journal(String query) {
        return api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification" + query)
                .as(hq, TestFixtures.PASSWORD)
                .send()
                .json();
    }

    void alterEntry(long seq) {
        jdbc.sql("update journal_entry set reference = 'r-forged' where store_id = :s and seq = :seq")
                .param("s", store.id())
                .param("seq", seq)
                .update();
    }

    @Test
    void a_receipt_is_checked_against_its_own_entry_and_its_neighbours_not_the_whole_journal() {
        List<String> ids = receipts(4);
        alterEntry(4);

        JsonNode first = check(ids.get(0));
        JsonNode third = check(ids.get(2));
        JsonNode fourth = check(ids.get(3));

        assertThat(first.get("valid").asBoolean())
                .as("far from the break: %s", first)
                .isTrue();
        assertThat(third.get("valid").asBoolean()).isFalse();
        assertThat(third.get("reason").asString()).isEqualTo("The store's journal is broken at entry 4.");
        assertThat(fourth.get("valid").asBoolean()).isFalse();
        assertThat(fourth.get("reason").asString()).isEqualTo("The receipt is not in the store's journal.");
    }

    @Test
    void a_receipt_whose_neighbour_was_removed_or_whose_body_was_changed_is_not_valid() {
        List<String> ids = receipts(3);
        jdbc.sql("delete from journal_entry where store_id = :s and seq = 2")
                .param("s", store.id())
                .update();

        JsonNode first = check(ids.get(0));
        JsonNode third = check(ids.get(2));
        jdbc.sql("update receipt set body = replace(body, '1795', '1') where id = :id")
                .param("id", ids.get(0))
                .update();
        JsonNode changed = check(ids.get(0));

        assertThat(first.get("valid").asBoolean()).isFalse();
        assertThat(first.get("reason").asString()).isEqualTo("The store's journal is broken at entry 2.");
        assertThat(third.get("valid").asBoolean()).isFalse();
        assertThat(third.get("reason").asString()).isEqualTo("The store's journal is broken at entry 2.");
        assertThat(changed.get("valid").asBoolean()).isFalse();
        assertThat(changed.get("reason").asString()).isEqualTo("The receipt's signature does not match its content.");
    }

    @Test
    void the_whole_journal_check_goes_on_from_the_checkpoint_of_the_last_check_that_passed() {
        List<String> ids = receipts(3);
        JsonNode firstCheck = journal("");
        receipts(2);
        JsonNode secondCheck = journal("");
        jdbc.sql("update receipt set body = replace(body, '1795', '1') where id = :id")
                .param("id", ids.get(1))
                .update();
        JsonNode incremental = journal("");
        JsonNode full = journal("?full=true");

        assertThat(firstCheck.get("valid").asBoolean()).isTrue();
        assertThat(firstCheck.get("entries").asLong()).isEqualTo(3);
        assertThat(firstCheck.get("verifiedFrom").asLong()).isEqualTo(1);
        assertThat(firstCheck.has("checkpoint")).isFalse();
        assertThat(secondCheck.get("valid").asBoolean()).isTrue();
        assertThat(secondCheck.get("entries").asLong()).isEqualTo(5);
        assertThat(secondCheck.get("checkpoint").asLong()).isEqualTo(3);
        assertThat(secondCheck.get("verifiedFrom").asLong()).isEqualTo(4);
        assertThat(incremental.get("valid").asBoolean())
                .as("entries under the checkpoint are not read again: %s", incremental)
                .isTrue();
        assertThat(incremental.get("verifiedFrom").asLong()).isEqualTo(6);
        assertThat(full.get("valid").asBoolean()).isFalse();
        assertThat(full.get("firstBrokenEntry").asLong()).isEqualTo(2);
        assertThat(check(ids.get(1)).get("valid").asBoolean()).isFalse();
    }

    @Test
    void a_break_after_the_checkpoint_or_in_the_checkpoints_own_entry_is_found() {
        receipts(3);
        journal("");
        receipts(2);
        alterEntry(5);

        JsonNode afterCheckpoint = journal("");
        jdbc.sql("update journal_entry set reference = 'r-forged' where store_id = :s and seq = 3")
                .param("s", store.id())
                .update();
        JsonNode atCheckpoint = journal("");

        assertThat(afterCheckpoint.get("valid").asBoolean()).isFalse();
        assertThat(afterCheckpoint.get("firstBrokenEntry").asLong()).isEqualTo(5);
        assertThat(afterCheckpoint.get("checkpoint").asLong()).isEqualTo(3);
        assertThat(atCheckpoint.get("valid").asBoolean()).isFalse();
        assertThat(atCheckpoint.get("firstBrokenEntry").asLong()).isEqualTo(3);
    }

    @Test
    void a_checkpoint_moved_by_hand_past_a_break_is_not_trusted() {
        receipts(3);
        journal("");
        receipts(2);
        alterEntry(4);
        String head = jdbc.sql("select hash from journal_entry where store_id = :s and seq = 5")
                .param("s", store.id())
                .query(String.class)
                .single();
        jdbc.sql("update journal_checkpoint set seq = 5, hash = :h where store_id = :s")
                .param("h", head)
                .param("s", store.id())
                .update();

        JsonNode result = journal("");

        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(result.get("firstBrokenEntry").asLong()).isEqualTo(4);
        assertThat(result.has("checkpoint"))
                .as("the forged checkpoint is ignored")
                .isFalse();
    }

    @Test
    void only_managers_of_the_store_and_hq_check_the_whole_journal() {
        String staff = fixtures.account(Role.STAFF, store.id());

        int anonymous = api.get("/api/v1/stores/" + store.id() + "/journal/verification")
                .status();
        int asStaff = api.request("GET", "/api/v1/stores/" + store.id() + "/journal/verification?full=true")
                .as(staff, TestFixtures.PASSWORD)
                .send()
                .status();

        assertThat(anonymous).isEqualTo(401);
        assertThat(asStaff).isEqualTo(403);
    }
}
