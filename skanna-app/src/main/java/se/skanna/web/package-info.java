/**
 * HTTP plumbing for every module: problem+json errors, request limits, trusted proxies, human formats.
 */
@ApplicationModule(
        displayName = "Web",
        allowedDependencies = {"shared"})
package se.skanna.web;

import org.springframework.modulith.ApplicationModule;
