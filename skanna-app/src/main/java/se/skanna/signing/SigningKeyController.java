package se.skanna.signing;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published key: receipts, journal entries and exit passes verify against it, offline too. */
@RestController
class SigningKeyController {

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/api/v1/keys/signing")
    Map<String, String> signingKey() {
        return Map.of(
                "algorithm", "Ed25519", "format", "X.509 SubjectPublicKeyInfo, base64", "publicKey", keys.publicKey());
    }
}
