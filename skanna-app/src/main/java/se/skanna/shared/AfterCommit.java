package se.skanna.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a node-local reaction (refresh a cache, tell open pages) once the current transaction has committed, or at
 * once outside a transaction. For listeners that must not go through Spring Modulith's event publication
 * registry: a {@code @TransactionalEventListener} is registered there, one row per event, written in the
 * publishing transaction, and a lost cache refresh or page nudge is not worth a durable write.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
