/**
 * A shopper's trip: the cart, scans, pricing, age checks and calls for staff.
 */
@ApplicationModule(
        displayName = "Trips",
        allowedDependencies = {"catalog", "gs1", "member", "pricing", "shared", "staff", "store"})
package se.skanna.trip;

import org.springframework.modulith.ApplicationModule;
