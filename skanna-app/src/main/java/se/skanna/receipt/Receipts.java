package se.skanna.receipt;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.signing.SigningKeys;
import se.skanna.store.Store;
import se.skanna.store.StoreNetwork;
import tools.jackson.databind.ObjectMapper;

/**
 * Signed receipts, numbered per store without gaps, each recorded in the store's journal in the same
 * transaction as the payment it belongs to.
 */
@Service
public class Receipts {

    private final JdbcClient jdbc;
    private final Journal journal;
    private final SigningKeys keys;
    private final StoreNetwork stores;
    private final ObjectMapper json;
    private final Clock clock;
    private final Seller seller;

    /** Seller details printed on every receipt ({@code skanna.seller.*}). */
    public record Seller(String name, String organisationNumber, String address) {}

    Receipts(
            JdbcClient jdbc,
            Journal journal,
            SigningKeys keys,
            StoreNetwork stores,
            ObjectMapper json,
            Clock clock,
            @Value("${skanna.seller.name}") String sellerName,
            @Value("${skanna.seller.organisation-number}") String organisationNumber,
            @Value("${skanna.seller.address}") String address) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.keys = keys;
        this.stores = stores;
        this.json = json;
        this.clock = clock;
        this.seller = new Seller(sellerName, organisationNumber, address);
    }

    /** What was paid, as checkout hands it over. */
    public record Sale(
            String tripId,
            String storeId,
            String paymentId,
            String method,
            String providerRef,
            long amount,
            String currency,
            List<Receipt.Line> lines,
            List<Receipt.Discount> discounts,
            List<Receipt.Vat> vat,
            long subtotal,
            long discountTotal,
            long depositTotal,
            long total) {}

    /** Issues the receipt of a paid sale; must join the transaction that records the payment as paid. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Receipt issue(Sale sale) {
        Journal.Ledger ledger = journal.lock(sale.storeId());
        long number = ledger.lastReceiptNumber() + 1;
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = "r-" + UUID.randomUUID();
        Store store = stores.get(sale.storeId());
        Receipt.Body body = new Receipt.Body(
                id,
                sale.storeId(),
                store.name(),
                number,
                issuedAt.toString(),
                seller,
                sale.tripId(),
                sale.lines(),
                sale.discounts(),
                sale.vat(),
                sale.subtotal(),
                sale.discountTotal(),
                sale.depositTotal(),
                sale.total(),
                sale.currency(),
                new Receipt.Payment(sale.paymentId(), sale.method(), sale.amount(), sale.providerRef()));
        String text = json.writeValueAsString(body);
        String signature = keys.sign(text);
        jdbc.sql("insert into receipt (id, store_id, number, trip_id, payment_id, issued_at, body, signature, key_id)"
                        + " values (:id, :store, :number, :trip, :payment, :at, :body, :sig, :key)")
                .param("id", id)
                .param("store", sale.storeId())
                .param("number", number)
                .param("trip", sale.tripId())
                .param("payment", sale.paymentId())
                .param("at", utc(issuedAt))
                .param("body", text)
                .param("sig", signature)
                .param("key", keys.keyId())
                .update();
        journal.append(ledger, number, "RECEIPT", id, Journal.sha256(text), issuedAt);
        return body.signed(signature, keys.keyId());
    }

    /**
     * Appends a confirmed refund to its store's journal (type REFUND, reference = refund id, payload hash =
     * SHA-256 of {@code body}, the refund's canonical JSON as stored with it). Consumes no receipt number: the
     * ledger's last receipt number is passed on unchanged. Must join the transaction that marks it refunded.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void journalRefund(String storeId, String refundId, String body, Instant at) {
        Journal.Ledger ledger = journal.lock(storeId);
        journal.append(ledger, ledger.lastReceiptNumber(), "REFUND", refundId, Journal.sha256(body), body, at);
    }

    record StoredReceipt(String id, String storeId, String body, String signature, String keyId, Instant issuedAt) {}

    public Optional<Receipt> forTrip(String tripId) {
        return stored("trip_id", tripId).map(r -> withSignature(r.body(), r.signature(), r.keyId()));
    }

    /**
     * Checks a receipt on its own, at the same cost for the first receipt and the millionth: its signature, its
     * journal entry (content, hash, signature, and that it records exactly this receipt) and the entry's links to
     * its neighbours (the entry before it and the one after it, or the ledger's head). The store's whole journal
     * is checked by {@link #verifyJournal}.
     */
    @Transactional(readOnly = true)
    public ReceiptCheck verify(String receiptId) {
        StoredReceipt receipt = stored("id", receiptId)
                .orElseThrow(() ->
                        new ProblemException(ErrorCode.RECEIPT_NOT_FOUND, "There is no receipt " + receiptId + "."));
        Optional<String> signer = keys.signer(receipt.keyId(), receipt.body(), receipt.signature());
        if (signer.isEmpty()) {
            return ReceiptCheck.invalid(
                    receipt.keyId() == null || keys.knows(receipt.keyId())
                            ? "The receipt's signature does not match its content."
                            : "The receipt names signing key " + receipt.keyId()
                                    + ", which is not one of the chain's.");
        }
        Optional<Journal.Entry> recorded = journal.entryFor(receipt.storeId(), "RECEIPT", receiptId);
        if (recorded.isEmpty()) {
            return ReceiptCheck.invalid("The receipt is not in the store's journal.");
        }
        Journal.Entry entry = recorded.get();
        String problem = journal.problemWith(entry, entry.seq(), entry.prevHash());
        if (problem == null && !Journal.sha256(receipt.body()).equals(entry.payloadHash())) {
            problem = "the receipt this entry records was changed";
        }
        Break broken = problem == null ? linkProblem(receipt.storeId(), entry) : new Break(entry.seq(), problem);
        if (broken != null) {
            return ReceiptCheck.invalid("The store's journal is broken at entry " + broken.entry() + ".");
        }
        return ReceiptCheck.signedBy(signer.get());
    }

    private record Break(long entry, String reason) {}

    /** Whether the entry is linked to a genuine entry before it and one after it (or is the ledger's head). */
    private Break linkProblem(String storeId, Journal.Entry entry) {
        Journal.Ledger head = journal.head(storeId); // first: an entry appended after this read is still found below
        List<Journal.Entry> around = journal.range(storeId, entry.seq() - 1, entry.seq() + 1);
        Journal.Entry before = neighbour(around, entry.seq() - 1);
        Journal.Entry after = neighbour(around, entry.seq() + 1);
        if (entry.seq() == 1) {
            if (!entry.prevHash().equals(Journal.GENESIS)) {
                return new Break(1, "the first entry does not start the chain");
            }
        } else if (before == null) {
            return new Break(entry.seq() - 1, "entry " + (entry.seq() - 1) + " is missing");
        } else {
            String problem = journal.problemWith(before, before.seq(), before.prevHash());
            if (problem != null) {
                return new Break(before.seq(), problem);
            }
            if (!before.hash().equals(entry.prevHash())) {
                return new Break(entry.seq(), "entry does not follow the entry before it");
            }
        }
        if (after != null) {
            String problem = journal.problemWith(after, after.seq(), entry.hash());
            return problem == null ? null : new Break(after.seq(), problem);
        }
        if (head.lastSeq() != entry.seq() || !head.lastHash().equals(entry.hash())) {
            return new Break(entry.seq() + 1, "entry " + (entry.seq() + 1) + " is missing");
        }
        return null;
    }

    private static Journal.Entry neighbour(List<Journal.Entry> entries, long seq) {
        return entries.stream().filter(e -> e.seq() == seq).findFirst().orElse(null);
    }

    /** Entries read per query in a whole-journal check: memory stays flat however long the journal is. */
    private static final int PAGE = 1000;

    /**
     * Checks a store's whole journal: from the signed checkpoint of the last such check that passed, only the
     * entries after it (the checkpoint's own entry is checked again), then moves the checkpoint to the head.
     * Names the first entry that is not what it claims.
     */
    @Transactional
    public JournalCheck verifyJournal(String storeId) {
        return verifyJournal(storeId, false);
    }

    /** As {@link #verifyJournal(String)}; {@code full} walks from the first entry whatever the checkpoint says. */
    @Transactional
    public JournalCheck verifyJournal(String storeId, boolean full) {
        stores.get(storeId);
        Journal.Ledger head = journal.head(storeId);
        long after = 0;
        String prev = Journal.GENESIS;
        Optional<Journal.Checkpoint> checkpoint =
                full ? Optional.empty() : journal.checkpoint(storeId).filter(journal::genuine);
        if (checkpoint.isPresent()) {
            Journal.Checkpoint at = checkpoint.get();
            Journal.Entry entry = journal.range(storeId, at.seq(), at.seq()).stream()
                    .findFirst()
                    .orElse(null);
            String problem = entry == null ? "entry " + at.seq() + " is missing" : null;
            if (problem == null) {
                problem = journal.problemWith(entry, at.seq(), entry.prevHash());
            }
            if (problem == null && !entry.hash().equals(at.hash())) {
                problem = "entry no longer matches the journal verified on " + at.verifiedAt();
            }
            if (problem != null) {
                return broken(head.lastSeq(), at.seq(), problem, at.seq());
            }
            after = at.seq();
            prev = at.hash();
        }
        long from = after + 1;
        long expected = from;
        KeyRuns signers = new KeyRuns();
        while (expected <= head.lastSeq()) {
            List<Journal.Recorded> page = journal.recordedAfter(storeId, expected - 1, head.lastSeq(), PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (Journal.Recorded recorded : page) {
                Journal.Entry entry = recorded.entry();
                Journal.Check check = journal.check(entry, expected, prev);
                String problem = check.problem();
                if (problem == null && !"RECEIPT".equals(entry.type()) && !"REFUND".equals(entry.type())) {
                    problem = "entry has an unknown type";
                }
                if (problem == null
                        && (recorded.body() == null
                                || !Journal.sha256(recorded.body()).equals(entry.payloadHash()))) {
                    problem = "the " + entry.type().toLowerCase(java.util.Locale.ROOT)
                            + " this entry records was changed or removed";
                }
                if (problem != null) {
                    return JournalCheck.broken(
                                    head.lastSeq(),
                                    expected,
                                    problem,
                                    checkpoint.map(Journal.Checkpoint::seq).orElse(null))
                            .withSigners(check.keyId(), signers.list());
                }
                signers.add(entry.seq(), check.keyId());
                prev = entry.hash();
                expected++;
            }
        }
        if (expected <= head.lastSeq()) {
            return broken(head.lastSeq(), expected, "entries after " + (expected - 1) + " are missing", null);
        }
        if (!prev.equals(head.lastHash())) {
            return broken(head.lastSeq(), head.lastSeq(), "the ledger's head does not match the last entry", null);
        }
        if (head.lastSeq() > after) {
            journal.saveCheckpoint(storeId, head.lastSeq(), head.lastHash(), clock.instant());
        }
        return JournalCheck.valid(
                head.lastSeq(),
                Math.min(from, head.lastSeq() + 1),
                checkpoint.map(Journal.Checkpoint::seq).orElse(null),
                signers.list());
    }

    /** The keys that signed the entries checked, as runs of consecutive entries: each entry's key, compactly. */
    private static final class KeyRuns {
        private final List<JournalCheck.KeyRun> runs = new java.util.ArrayList<>();
        private String keyId;
        private long first;
        private long last;

        void add(long seq, String key) {
            if (key.equals(keyId) && seq == last + 1) {
                last = seq;
                return;
            }
            flush();
            keyId = key;
            first = seq;
            last = seq;
        }

        private void flush() {
            if (keyId != null) {
                runs.add(new JournalCheck.KeyRun(keyId, first, last));
            }
        }

        List<JournalCheck.KeyRun> list() {
            flush();
            keyId = null;
            return List.copyOf(runs);
        }
    }

    private static JournalCheck broken(long entries, long at, String reason, Long checkpoint) {
        return JournalCheck.broken(entries, at, reason, checkpoint);
    }

    /** At most this many receipts answer one look-up (a trip code may match more than one trip, rarely). */
    public static final int LOOK_UP_LIMIT = 10;

    /**
     * A store's receipts matching what staff typed: a receipt number of the store ({@code 42}), a receipt id
     * ({@code r-…}), a trip id ({@code t-…}) or a trip's code as the shopper's app shows it ({@code C6885}, any
     * case); the newest first. The caller checks that its user may see the store.
     */
    public List<Receipt> lookUp(String storeId, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        List<String> where = new java.util.ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.matches("[0-9]{1,18}")) {
            where.add("number = :number");
            params.put("number", Long.parseLong(q));
        }
        if (q.matches("[0-9a-f]{5}")) {
            // a trip code may be all digits: then it is a receipt number too
            where.add("trip_id like :code");
            params.put("code", "t-" + q + "%");
        }
        if (q.startsWith("r-") || q.startsWith("t-")) {
            where.add((q.startsWith("r-") ? "id" : "trip_id") + " = :id");
            params.put("id", q);
        }
        if (where.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, store_id, body, signature, key_id, issued_at from receipt where store_id = :store"
                        + " and (" + String.join(" or ", where) + ") order by issued_at desc limit :limit")
                .param("store", storeId)
                .params(params)
                .param("limit", LOOK_UP_LIMIT)
                .query((rs, n) ->
                        withSignature(rs.getString("body"), rs.getString("signature"), rs.getString("key_id")))
                .list();
    }

    private Optional<StoredReceipt> stored(String column, String value) {
        return jdbc.sql("select id, store_id, body, signature, key_id, issued_at from receipt where " + column
                        + " = :v")
                .param("v", value)
                .query((rs, n) -> new StoredReceipt(
                        rs.getString("id"),
                        rs.getString("store_id"),
                        rs.getString("body"),
                        rs.getString("signature"),
                        rs.getString("key_id"),
                        instant(rs, "issued_at")))
                .optional();
    }

    /** A stored receipt as answered: its signed body read back as written, then its signature and key. */
    private Receipt withSignature(String body, String signature, String keyId) {
        return json.readValue(body, Receipt.Body.class).signed(signature, keyId);
    }
}
