/**
 * The staff, manager and HQ consoles: server-rendered pages under {@code /console/**} behind the form
 * login. Every page and action checks role and store through {@link se.skanna.staff.AccessPolicy}, and
 * every state-changing action is written to the action log ({@link se.skanna.staff.ActionLog}).
 */
@ApplicationModule(
        displayName = "Consoles",
        allowedDependencies = {
            "catalog", "exit", "payment", "receipt", "shared", "shopper", "staff", "store", "trip", "web"
        })
package se.skanna.console;

import org.springframework.modulith.ApplicationModule;
