/**
 * The shopper app's pages, manifest and service worker, and the entrance posters.
 */
@ApplicationModule(
        displayName = "Shopper app",
        allowedDependencies = {"exit", "payment", "store", "trip", "web"})
package se.skanna.shopper;

import org.springframework.modulith.ApplicationModule;
