package se.skanna.payment;

import static se.skanna.shared.Times.utc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.Role;

/** A store's sales over a period, for its managers and HQ: settled payments and refunds, in öre incl. VAT. */
@Service
public class Sales {

    /**
     * Payments that became PAID in the period and their amount; refunds the provider confirmed in the period and
     * their amount; both in {@code currency} minor units, VAT included.
     */
    public record Summary(long payments, long paidTotal, long refunds, long refundedTotal, String currency) {

        /** What the store kept: paid minus refunded. */
        public long net() {
            return paidTotal - refundedTotal;
        }
    }

    private final JdbcClient jdbc;
    private final AccessPolicy access;

    Sales(JdbcClient jdbc, AccessPolicy access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** The store's sales from {@code from} (inclusive) to {@code to} (exclusive). */
    public Summary between(String storeId, Instant from, Instant to) {
        access.requireInStore(Role.MANAGER, storeId);
        long[] paid = jdbc.sql("select count(*) as n, coalesce(sum(p.amount), 0) as total from payment p"
                        + " join trip t on t.id = p.trip_id where t.store_id = :store and p.status = 'PAID'"
                        + " and p.updated_at >= :from and p.updated_at < :to")
                .param("store", storeId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("total")})
                .single();
        long[] refunded = jdbc.sql(
                        "select count(*) as n, coalesce(sum(amount), 0) as total from refund"
                                + " where store_id = :store and status = 'REFUNDED' and updated_at >= :from and updated_at < :to")
                .param("store", storeId)
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new long[] {rs.getLong("n"), rs.getLong("total")})
                .single();
        return new Summary(paid[0], paid[1], refunded[0], refunded[1], "SEK");
    }
}
