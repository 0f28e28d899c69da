package se.skanna.staff;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The action log: who did what, when, in which store — whether through a console page or the JSON API. Only
 * ever appended to (table {@code console_action}, named after its first users). It sits with the staff
 * accounts so that every module acting for a staff member can write to it without depending on the consoles.
 */
@Component
public class ActionLog {

    private static final int MAX_DETAIL = 1000;

    public record Entry(
            Instant at, String username, String role, String action, String storeId, String target, String detail) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ActionLog(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Runs a state-changing action in one transaction with the {@link #record log entry} it writes: both are
     * committed, or neither (a refused or failed action leaves no entry). Joins a transaction already running.
     */
    public <T> T inOneTransaction(Supplier<T> action) {
        return transactions.execute(status -> action.get());
    }

    /** Appends an entry; call it inside the action's transaction. */
    public void record(StaffPrincipal who, String action, String storeId, String target, String detail) {
        String text = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("insert into console_action (acted_at, username, role, action, store_id, target, detail)"
                        + " values (:at, :user, :role, :action, :store, :target, :detail)")
                .param("at", utc(clock.instant()))
                .param("user", who.getUsername())
                .param("role", who.role().name())
                .param("action", action)
                .param("store", storeId)
                .param("target", target)
                .param("detail", text)
                .update();
    }

    /**
     * Appends an entry that no signed-in account caused, such as a sign-in lockout: user {@code system}, role
     * {@code SYSTEM}. Runs in its own statement (there is no action transaction to join).
     */
    public void recordSystem(String action, String target, String detail) {
        String text = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        jdbc.sql("insert into console_action (acted_at, username, role, action, store_id, target, detail)"
                        + " values (:at, 'system', 'SYSTEM', :action, null, :target, :detail)")
                .param("at", utc(clock.instant()))
                .param("action", action)
                .param("target", target == null || target.length() <= 64 ? target : target.substring(0, 64))
                .param("detail", text)
                .update();
    }

    /** The newest entries first, optionally of one store or one user. The caller checks who may read them. */
    public List<Entry> recent(String storeId, String username, int limit) {
        String where = " where 1 = 1"
                + (storeId == null ? "" : " and store_id = :store")
                + (username == null ? "" : " and username = :user");
        JdbcClient.StatementSpec sql = jdbc.sql(
                        "select * from console_action" + where + " order by acted_at desc, id desc limit :limit")
                .param("limit", limit);
        if (storeId != null) {
            sql = sql.param("store", storeId);
        }
        if (username != null) {
            sql = sql.param("user", username);
        }
        return sql.query((rs, n) -> new Entry(
                        instant(rs, "acted_at"),
                        rs.getString("username"),
                        rs.getString("role"),
                        rs.getString("action"),
                        rs.getString("store_id"),
                        rs.getString("target"),
                        rs.getString("detail")))
                .list();
    }
}
