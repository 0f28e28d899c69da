/**
 * Error codes and the exception that carries them, rate limits, the cluster lock and signals, database trouble and timeouts. Every module may use it; it uses none.
 */
@ApplicationModule(
        displayName = "Shared kernel",
        allowedDependencies = {})
package se.skanna.shared;

import org.springframework.modulith.ApplicationModule;
