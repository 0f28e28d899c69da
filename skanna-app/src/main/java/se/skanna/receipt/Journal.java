package se.skanna.receipt;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import se.skanna.shared.Sha256;
import se.skanna.signing.SigningKeys;

/**
 * The per-store journal: append-only, each entry's hash covering the one before it, each hash signed. A row
 * changed, removed or inserted afterwards breaks the chain at that entry, and a forger without the signing
 * key cannot mend it.
 */
@Component
class Journal {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final SigningKeys keys;

    Journal(JdbcClient jdbc, SigningKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    record Entry(
            String storeId,
            long seq,
            String type,
            String reference,
            String payloadHash,
            String prevHash,
            String hash,
            String signature,
            String keyId,
            Instant createdAt) {}

    /** Locks the store's ledger row (creating it on first use); serialises receipt numbers and the chain. */
    Ledger lock(String storeId) {
        jdbc.sql("insert into store_ledger (store_id, last_receipt_number, last_journal_seq, last_journal_hash)"
                        + " values (:store, 0, 0, :genesis) on conflict do nothing")
                .param("store", storeId)
                .param("genesis", GENESIS)
                .update();
        return jdbc.sql("select last_receipt_number, last_journal_seq, last_journal_hash from store_ledger"
                        + " where store_id = :store for update")
                .param("store", storeId)
                .query((rs, n) -> new Ledger(
                        storeId,
                        rs.getLong("last_receipt_number"),
                        rs.getLong("last_journal_seq"),
                        rs.getString("last_journal_hash")))
                .single();
    }

    record Ledger(String storeId, long lastReceiptNumber, long lastSeq, String lastHash) {}

    /** Appends an entry under the ledger lock and moves the ledger on; what it records is stored by its owner. */
    Entry append(Ledger ledger, long receiptNumber, String type, String reference, String payloadHash, Instant at) {
        return append(ledger, receiptNumber, type, reference, payloadHash, null, at);
    }

    /**
     * Appends an entry that keeps what it records itself ({@code body}, hashed into {@code payloadHash}): a refund,
     * whose row belongs to the payment module.
     */
    Entry append(
            Ledger ledger,
            long receiptNumber,
            String type,
            String reference,
            String payloadHash,
            String body,
            Instant at) {
        Instant createdAt = at.truncatedTo(ChronoUnit.MICROS);
        long seq = ledger.lastSeq() + 1;
        String hash = hash(ledger.lastHash(), ledger.storeId(), seq, type, reference, payloadHash, createdAt);
        Entry entry = new Entry(
                ledger.storeId(),
                seq,
                type,
                reference,
                payloadHash,
                ledger.lastHash(),
                hash,
                keys.sign(hash),
                keys.keyId(),
                createdAt);
        jdbc.sql("insert into journal_entry (store_id, seq, entry_type, reference, payload_hash, prev_hash, hash,"
                        + " signature, key_id, created_at, body)"
                        + " values (:store, :seq, :type, :ref, :payload, :prev, :hash, :sig, :key, :at, :body)")
                .param("body", body)
                .param("store", entry.storeId())
                .param("seq", entry.seq())
                .param("type", entry.type())
                .param("ref", entry.reference())
                .param("payload", entry.payloadHash())
                .param("prev", entry.prevHash())
                .param("hash", entry.hash())
                .param("sig", entry.signature())
                .param("key", entry.keyId())
                .param("at", utc(createdAt))
                .update();
        jdbc.sql("update store_ledger set last_receipt_number = :number, last_journal_seq = :seq,"
                        + " last_journal_hash = :hash where store_id = :store")
                .param("number", receiptNumber)
                .param("seq", seq)
                .param("hash", hash)
                .param("store", ledger.storeId())
                .update();
        return entry;
    }

    /** The store's entries from {@code fromSeq} to {@code toSeq}, both included, in order. */
    List<Entry> range(String storeId, long fromSeq, long toSeq) {
        return jdbc.sql("select * from journal_entry where store_id = :store and seq between :from and :to"
                        + " order by seq")
                .param("store", storeId)
                .param("from", fromSeq)
                .param("to", toSeq)
                .query((rs, n) -> entry(rs))
                .list();
    }

    /** The entry that records {@code reference} (a receipt or refund id) in the store's journal. */
    Optional<Entry> entryFor(String storeId, String type, String reference) {
        return jdbc.sql("select * from journal_entry where store_id = :store and reference = :ref"
                        + " and entry_type = :type order by seq limit 1")
                .param("store", storeId)
                .param("ref", reference)
                .param("type", type)
                .query((rs, n) -> entry(rs))
                .optional();
    }

    /** An entry with the content it records (the receipt's or refund's stored body; null when it is gone). */
    record Recorded(Entry entry, String body) {}

    /** Up to {@code limit} entries after {@code afterSeq} and up to {@code toSeq}, with what they record. */
    List<Recorded> recordedAfter(String storeId, long afterSeq, long toSeq, int limit) {
        return jdbc.sql("select e.*, r.body as receipt_body from journal_entry e"
                        + " left join receipt r on e.entry_type = 'RECEIPT' and r.id = e.reference"
                        + " where e.store_id = :store and e.seq > :after and e.seq <= :to order by e.seq limit :limit")
                .param("store", storeId)
                .param("after", afterSeq)
                .param("to", toSeq)
                .param("limit", limit)
                .query((rs, n) -> new Recorded(
                        entry(rs),
                        "RECEIPT".equals(rs.getString("entry_type"))
                                ? rs.getString("receipt_body")
                                : rs.getString("body")))
                .list();
    }

    /** The head of the store's journal as its ledger row says, without locking it; genesis when none. */
    Ledger head(String storeId) {
        return jdbc.sql("select last_receipt_number, last_journal_seq, last_journal_hash from store_ledger"
                        + " where store_id = :store")
                .param("store", storeId)
                .query((rs, n) -> new Ledger(
                        storeId,
                        rs.getLong("last_receipt_number"),
                        rs.getLong("last_journal_seq"),
                        rs.getString("last_journal_hash")))
                .optional()
                .orElse(new Ledger(storeId, 0, 0, GENESIS));
    }

    /** The journal's head as last verified whole; signed, so a row written by hand is no checkpoint. */
    record Checkpoint(String storeId, long seq, String hash, Instant verifiedAt, String signature, String keyId) {
        String signed() {
            return "journal-checkpoint|" + storeId + "|" + seq + "|" + hash + "|"
                    + verifiedAt.truncatedTo(ChronoUnit.MICROS);
        }
    }

    Optional<Checkpoint> checkpoint(String storeId) {
        return jdbc.sql("select * from journal_checkpoint where store_id = :store")
                .param("store", storeId)
                .query((rs, n) -> new Checkpoint(
                        rs.getString("store_id"),
                        rs.getLong("seq"),
                        rs.getString("hash"),
                        instant(rs, "verified_at"),
                        rs.getString("signature"),
                        rs.getString("key_id")))
                .optional();
    }

    boolean genuine(Checkpoint checkpoint) {
        return keys.signer(checkpoint.keyId(), checkpoint.signed(), checkpoint.signature())
                .isPresent();
    }

    /** Moves the store's checkpoint to {@code seq} (never back), signed. */
    void saveCheckpoint(String storeId, long seq, String hash, Instant at) {
        Instant verifiedAt = at.truncatedTo(ChronoUnit.MICROS);
        Checkpoint checkpoint = new Checkpoint(storeId, seq, hash, verifiedAt, "", keys.keyId());
        String signature = keys.sign(checkpoint.signed());
        int moved = jdbc.sql("update journal_checkpoint set seq = :seq, hash = :hash, verified_at = :at,"
                        + " signature = :sig, key_id = :key where store_id = :store and seq <= :seq")
                .param("seq", seq)
                .param("hash", hash)
                .param("at", utc(verifiedAt))
                .param("sig", signature)
                .param("key", checkpoint.keyId())
                .param("store", storeId)
                .update();
        if (moved == 0) {
            jdbc.sql("insert into journal_checkpoint (store_id, seq, hash, verified_at, signature, key_id)"
                            + " values (:store, :seq, :hash, :at, :sig, :key) on conflict do nothing")
                    .param("store", storeId)
                    .param("seq", seq)
                    .param("hash", hash)
                    .param("at", utc(verifiedAt))
                    .param("sig", signature)
                    .param("key", checkpoint.keyId())
                    .update();
        }
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(
                rs.getString("store_id"),
                rs.getLong("seq"),
                rs.getString("entry_type"),
                rs.getString("reference"),
                rs.getString("payload_hash"),
                rs.getString("prev_hash"),
                rs.getString("hash"),
                rs.getString("signature"),
                rs.getString("key_id"),
                instant(rs, "created_at"));
    }

    /** What checking one entry found: a problem (null when none) and the chain key that signed it (when known). */
    record Check(String problem, String keyId) {}

    /** Whether an entry is what it claims to be given the hash of the entry before it. */
    String problemWith(Entry entry, long expectedSeq, String expectedPrevHash) {
        return check(entry, expectedSeq, expectedPrevHash).problem();
    }

    /** As {@link #problemWith}, naming the key that signed the entry. */
    Check check(Entry entry, long expectedSeq, String expectedPrevHash) {
        if (entry.seq() != expectedSeq) {
            return new Check("entry " + expectedSeq + " is missing", entry.keyId());
        }
        if (!entry.prevHash().equals(expectedPrevHash)) {
            return new Check("entry does not follow the entry before it", entry.keyId());
        }
        String hash = hash(
                entry.prevHash(),
                entry.storeId(),
                entry.seq(),
                entry.type(),
                entry.reference(),
                entry.payloadHash(),
                entry.createdAt());
        if (!hash.equals(entry.hash())) {
            return new Check("entry content does not match its hash", entry.keyId());
        }
        Optional<String> signer = keys.signer(entry.keyId(), entry.hash(), entry.signature());
        if (signer.isEmpty()) {
            return new Check(
                    entry.keyId() == null
                            ? "entry signature is not valid under any of the chain's keys"
                            : "entry signature is not valid under key " + entry.keyId()
                                    + (keys.knows(entry.keyId()) ? "" : ", which is not one of the chain's keys"),
                    entry.keyId());
        }
        return new Check(null, signer.get());
    }

    static String hash(
            String prevHash, String storeId, long seq, String type, String reference, String payloadHash, Instant at) {
        return sha256(String.join(
                "|",
                prevHash,
                storeId,
                Long.toString(seq),
                type,
                reference,
                payloadHash,
                at.truncatedTo(ChronoUnit.MICROS).toString()));
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
