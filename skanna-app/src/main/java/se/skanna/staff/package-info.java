/**
 * Staff, manager and HQ accounts, sign-in and its throttle, API tokens, access checks and the action log.
 */
@ApplicationModule(
        displayName = "Staff",
        allowedDependencies = {"shared", "web"})
package se.skanna.staff;

import org.springframework.modulith.ApplicationModule;
