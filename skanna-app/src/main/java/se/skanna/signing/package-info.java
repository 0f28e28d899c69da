/**
 * The chain's Ed25519 signing identity: one key for every node, published keys, rotation.
 */
@ApplicationModule(
        displayName = "Signing",
        allowedDependencies = {"shared"})
package se.skanna.signing;

import org.springframework.modulith.ApplicationModule;
