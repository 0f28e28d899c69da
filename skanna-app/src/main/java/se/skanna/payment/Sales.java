package se.skanna.payment;

import static se.skanna.shared.Times.utc;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.skanna.shared.HourlyCounts;
import se.skanna.shared.Money;
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

    /**
     * Payments that became PAID from {@code from} to {@code to}, per UTC hour, in {@code storeIds} (everywhere when
     * null): how many ({@code count}) and their total in öre ({@code amount}). For HQ, which checks its caller.
     */
    public record Hourly(Map<Instant, Long> count, Map<Instant, Long> amount) {}

    public Hourly paidPerHour(Set<String> storeIds, Instant from, Instant to) {
        String where = " from payment where status = 'PAID' and updated_at >= :from and updated_at <= :to%s"
                + " group by date_trunc('hour', updated_at)";
        return new Hourly(
                HourlyCounts.query(
                        jdbc,
                        "select date_trunc('hour', updated_at) as bucket, count(*) as n" + where,
                        "store_id",
                        storeIds,
                        from,
                        to),
                HourlyCounts.query(
                        jdbc,
                        "select date_trunc('hour', updated_at) as bucket, coalesce(sum(amount), 0) as n" + where,
                        "store_id",
                        storeIds,
                        from,
                        to));
    }

    /** The store's sales from {@code from} (inclusive) to {@code to} (exclusive). */
    public Summary between(String storeId, Instant from, Instant to) {
        access.requireInStore(Role.MANAGER, storeId);
        long[] paid = jdbc.sql("select count(*) as n, coalesce(sum(amount), 0) as total from payment"
                        + " where store_id = :store and status = 'PAID' and updated_at >= :from and updated_at < :to")
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
        return new Summary(paid[0], paid[1], refunded[0], refunded[1], Money.SEK);
    }
}
