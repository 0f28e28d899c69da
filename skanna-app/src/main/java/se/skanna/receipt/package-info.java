/**
 * Signed receipts with store-wide numbers and the per-store hash-chained journal, and their verification.
 */
@ApplicationModule(
        displayName = "Receipts",
        allowedDependencies = {"shared", "signing", "store"})
package se.skanna.receipt;

import org.springframework.modulith.ApplicationModule;
