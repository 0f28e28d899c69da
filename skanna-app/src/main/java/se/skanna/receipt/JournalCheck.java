package se.skanna.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answer of a store journal check. Valid: how many entries, the first one checked now ({@code verifiedFrom};
 * {@code entries + 1} when nothing was new), the signed checkpoint it started from if any, and which keys signed
 * the entries checked. Broken: the first entry that is not what it claims ({@code firstBrokenEntry}) and why, the
 * key that entry names if it was read, and the keys of the entries checked before it. Absent fields do not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"valid", "entries", "verifiedFrom", "firstBrokenEntry", "reason", "checkpoint", "keyId", "keys"})
public record JournalCheck(
        boolean valid,
        long entries,
        Long verifiedFrom,
        Long firstBrokenEntry,
        String reason,
        Long checkpoint,
        String keyId,
        List<KeyRun> keys) {

    /** Consecutive entries {@code fromEntry} to {@code toEntry} (inclusive) all signed by {@code keyId}. */
    @JsonPropertyOrder({"keyId", "fromEntry", "toEntry"})
    public record KeyRun(String keyId, long fromEntry, long toEntry) {}

    static JournalCheck valid(long entries, long verifiedFrom, Long checkpoint, List<KeyRun> keys) {
        return new JournalCheck(true, entries, verifiedFrom, null, null, checkpoint, null, keys);
    }

    static JournalCheck broken(long entries, long at, String reason, Long checkpoint) {
        return new JournalCheck(false, entries, null, at, reason, checkpoint, null, null);
    }

    JournalCheck withSigners(String keyId, List<KeyRun> keys) {
        return new JournalCheck(valid, entries, verifiedFrom, firstBrokenEntry, reason, checkpoint, keyId, keys);
    }
}
