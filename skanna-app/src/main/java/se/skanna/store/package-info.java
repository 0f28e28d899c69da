/**
 * Stores, their status and message, incidents, the public status page and its live events.
 */
@ApplicationModule(
        displayName = "Stores",
        allowedDependencies = {"shared", "staff", "web"})
package se.skanna.store;

import org.springframework.modulith.ApplicationModule;
