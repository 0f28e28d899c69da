package se.skanna.signing;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The published keys: receipts, journal entries and exit passes verify against them, offline too. {@code publicKey}
 * is the chain's ACTIVE key (the one every node signs with); {@code keys} adds the retired ones after a rotation.
 */
@RestController
class SigningKeyController {

    private final SigningKeys keys;
    private final ChainSigningIdentity chain;

    SigningKeyController(SigningKeys keys, ChainSigningIdentity chain) {
        this.keys = keys;
        this.chain = chain;
    }

    record PublishedKeys(
            String algorithm,
            String format,
            String keyId,
            String publicKey,
            List<ChainSigningIdentity.PublishedKey> keys) {}

    @GetMapping("/api/v1/keys/signing")
    PublishedKeys signingKey() {
        return new PublishedKeys(
                "Ed25519", "X.509 SubjectPublicKeyInfo, base64", keys.keyId(), keys.publicKey(), chain.published());
    }
}
