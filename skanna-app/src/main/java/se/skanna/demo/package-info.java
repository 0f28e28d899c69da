/**
 * The embedded demo chain and catalog, loaded once into an empty database.
 */
@ApplicationModule(
        displayName = "Demo",
        allowedDependencies = {"shared", "store"})
package se.skanna.demo;

import org.springframework.modulith.ApplicationModule;
