/**
 * Checkout, payment providers (Swish, the test method), recovery, refunds and sales figures.
 */
@ApplicationModule(
        displayName = "Payments",
        allowedDependencies = {"shared", "staff", "trip"})
package se.skanna.payment;

import org.springframework.modulith.ApplicationModule;
