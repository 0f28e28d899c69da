/**
 * Exit passes and their verification, audits at the exit and the audit policy.
 */
@ApplicationModule(
        displayName = "Exit",
        allowedDependencies = {"catalog", "payment", "shared", "signing", "staff", "trip"})
package se.skanna.exit;

import org.springframework.modulith.ApplicationModule;
