/**
 * Signed receipts with store-wide numbers and the per-store hash-chained journal, and their verification. Issues
 * a receipt upon the payment module's {@code PaymentCompleted} and journals its {@code RefundCompleted}.
 */
@ApplicationModule(
        displayName = "Receipts",
        allowedDependencies = {"payment", "shared", "signing", "staff", "store", "trip"})
package se.skanna.receipt;

import org.springframework.modulith.ApplicationModule;
