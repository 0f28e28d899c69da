package se.skanna.receipt;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
            Object lines,
            Object discounts,
            Object vat,
            long subtotal,
            long discountTotal,
            long depositTotal,
            long total) {}

    /** Issues the receipt of a paid sale; must join the transaction that records the payment as paid. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Object> issue(Sale sale) {
        Journal.Ledger ledger = journal.lock(sale.storeId());
        long number = ledger.lastReceiptNumber() + 1;
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = "r-" + UUID.randomUUID();
        Store store = stores.get(sale.storeId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("receiptId", id);
        body.put("storeId", sale.storeId());
        body.put("storeName", store.name());
        body.put("number", number);
        body.put("issuedAt", issuedAt.toString());
        body.put("seller", seller);
        body.put("tripId", sale.tripId());
        body.put("lines", sale.lines());
        body.put("discounts", sale.discounts());
        body.put("vat", sale.vat());
        body.put("subtotal", sale.subtotal());
        body.put("discountTotal", sale.discountTotal());
        body.put("depositTotal", sale.depositTotal());
        body.put("total", sale.total());
        body.put("currency", sale.currency());
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("paymentId", sale.paymentId());
        payment.put("method", sale.method());
        payment.put("amount", sale.amount());
        payment.put("providerRef", sale.providerRef());
        body.put("payment", payment);
        String text = json.writeValueAsString(body);
        String signature = keys.sign(text);
        jdbc.sql("insert into receipt (id, store_id, number, trip_id, payment_id, issued_at, body, signature)"
                        + " values (:id, :store, :number, :trip, :payment, :at, :body, :sig)")
                .param("id", id)
                .param("store", sale.storeId())
                .param("number", number)
                .param("trip", sale.tripId())
                .param("payment", sale.paymentId())
                .param("at", issuedAt.atOffset(ZoneOffset.UTC))
                .param("body", text)
                .param("sig", signature)
                .update();
        journal.append(ledger, number, "RECEIPT", id, Journal.sha256(text), issuedAt);
        return withSignature(text, signature);
    }

    /**
     * Appends a confirmed refund to its store's journal (type REFUND, reference = refund id, payload hash =
     * SHA-256 of {@code body}, the refund's canonical JSON as stored with it). Consumes no receipt number: the
     * ledger's last receipt number is passed on unchanged. Must join the transaction that marks it refunded.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void journalRefund(String storeId, String refundId, String body, Instant at) {
        Journal.Ledger ledger = journal.lock(storeId);
        journal.append(ledger, ledger.lastReceiptNumber(), "REFUND", refundId, Journal.sha256(body), at);
    }

    record StoredReceipt(String id, String storeId, String body, String signature, Instant issuedAt) {}

    public Optional<Map<String, Object>> forTrip(String tripId) {
        return stored("trip_id", tripId).map(r -> withSignature(r.body(), r.signature()));
    }

    /** Checks a receipt's signature and its place in the store's journal chain. */
    @Transactional(readOnly = true)
    public Map<String, Object> verify(String receiptId) {
        StoredReceipt receipt = stored("id", receiptId)
                .orElseThrow(() ->
                        new ProblemException(ErrorCode.RECEIPT_NOT_FOUND, "There is no receipt " + receiptId + "."));
        if (!keys.verify(receipt.body(), receipt.signature())) {
            return Map.of("valid", false, "reason", "The receipt's signature does not match its content.");
        }
        Map<String, Object> chain = verifyJournal(receipt.storeId(), receiptId);
        if (!Boolean.TRUE.equals(chain.get("valid"))) {
            return Map.of(
                    "valid",
                    false,
                    "reason",
                    "The store's journal is broken at entry " + chain.get("firstBrokenEntry") + ".");
        }
        if (!Boolean.TRUE.equals(chain.get("found"))) {
            return Map.of("valid", false, "reason", "The receipt is not in the store's journal.");
        }
        return Map.of("valid", true);
    }

    /** Walks a store's journal from the first entry and names the first one that is not what it claims. */
    @Transactional(readOnly = true)
    public Map<String, Object> verifyJournal(String storeId) {
        stores.get(storeId);
        Map<String, Object> result = new LinkedHashMap<>(verifyJournal(storeId, null));
        result.remove("found");
        return result;
    }

    private Map<String, Object> verifyJournal(String storeId, String lookFor) {
        List<Journal.Entry> entries = journal.entries(storeId);
        Map<String, String> bodies = new LinkedHashMap<>();
        jdbc.sql("select id, body from receipt where store_id = :store")
                .param("store", storeId)
                .query(rs -> {
                    bodies.put(rs.getString("id"), rs.getString("body"));
                });
        Map<String, String> refunds = new LinkedHashMap<>();
        jdbc.sql("select id, body from refund where store_id = :store")
                .param("store", storeId)
                .query(rs -> {
                    refunds.put(rs.getString("id"), rs.getString("body"));
                });
        String prev = Journal.GENESIS;
        long expected = 1;
        boolean found = false;
        for (Journal.Entry entry : entries) {
            String problem = journal.problemWith(entry, expected, prev);
            if (problem == null && "RECEIPT".equals(entry.type())) {
                String body = bodies.get(entry.reference());
                if (body == null || !Journal.sha256(body).equals(entry.payloadHash())) {
                    problem = "the receipt this entry records was changed or removed";
                }
            }
            if (problem == null && "REFUND".equals(entry.type())) {
                String body = refunds.get(entry.reference());
                if (body == null || !Journal.sha256(body).equals(entry.payloadHash())) {
                    problem = "the refund this entry records was changed or removed";
                }
            }
            if (problem != null) {
                return Map.of(
                        "valid",
                        false,
                        "entries",
                        entries.size(),
                        "firstBrokenEntry",
                        entry.seq(),
                        "reason",
                        problem,
                        "found",
                        found);
            }
            found |= entry.reference().equals(lookFor);
            prev = entry.hash();
            expected++;
        }
        Long head = jdbc.sql("select last_journal_seq from store_ledger where store_id = :store")
                .param("store", storeId)
                .query(Long.class)
                .optional()
                .orElse(0L);
        if (head != entries.size()) {
            return Map.of(
                    "valid",
                    false,
                    "entries",
                    entries.size(),
                    "firstBrokenEntry",
                    entries.size() + 1L,
                    "reason",
                    "entries after " + entries.size() + " are missing",
                    "found",
                    found);
        }
        return Map.of("valid", true, "entries", entries.size(), "found", found);
    }

    private Optional<StoredReceipt> stored(String column, String value) {
        return jdbc.sql("select id, store_id, body, signature, issued_at from receipt where " + column + " = :v")
                .param("v", value)
                .query((rs, n) -> new StoredReceipt(
                        rs.getString("id"),
                        rs.getString("store_id"),
                        rs.getString("body"),
                        rs.getString("signature"),
                        rs.getObject("issued_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> withSignature(String body, String signature) {
        Map<String, Object> receipt = new LinkedHashMap<>(json.readValue(body, Map.class));
        receipt.put("signature", signature);
        return receipt;
    }
}
