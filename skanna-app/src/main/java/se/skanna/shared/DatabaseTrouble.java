package se.skanna.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that is down, unreachable, frozen or too busy to answer in time from a defect of ours: the
 * former is a 503 {@code database_unavailable} worth retrying, the latter a 500.
 */
public final class DatabaseTrouble {

    /** Seconds a client should wait before it tries again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseTrouble() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof PessimisticLockingFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && unavailableState(sql.getSQLState())) {
                return true;
            }
            // a commit or rollback that fails on the connection itself; the statement's own failure rides along
            if (cause instanceof TransactionSystemException tx
                    && (tx.getCause() instanceof SQLException || isUnavailable(tx.getApplicationException()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57014 (statement timeout), 57P01–57P03 (server shutting down or
     * starting), 55P03 (lock timeout), 53300 (too many connections).
     */
    private static boolean unavailableState(String state) {
        return state.startsWith("08")
                || state.equals("57014")
                || state.startsWith("57P0")
                || state.equals("55P03")
                || state.equals("53300");
    }
}
