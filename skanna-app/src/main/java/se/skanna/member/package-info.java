/**
 * Loyalty members: imported member ids (hashed) and the member tokens the app presents.
 */
@ApplicationModule(
        displayName = "Members",
        allowedDependencies = {"shared", "signing", "staff"})
package se.skanna.member;

import org.springframework.modulith.ApplicationModule;
