package se.skanna.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import se.skanna.shared.Sha256;

/**
 * The Ed25519 key that signs receipts, journal entries and exit passes. Taken from the environment when
 * {@code SKANNA_SIGNING_KEY} (base64 PKCS#8) and {@code SKANNA_SIGNING_PUBLIC_KEY} (base64 X.509) are set —
 * every node of a cluster needs the same pair — else read from, or generated on first start into,
 * {@code skanna.signing.key-file} (and its {@code .pub} sibling) under SKANNA_DATA_DIR. Never part of the
 * repository.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final KeyPair keys;
    private final String keyId;
    /** Other keys of the chain by key id (retired ones after a rotation): what they signed still verifies. */
    private volatile Map<String, PublicKey> others = Map.of();

    SigningKeys(
            @Value("${SKANNA_SIGNING_KEY:}") String privateKey,
            @Value("${SKANNA_SIGNING_PUBLIC_KEY:}") String publicKey,
            @Value("${skanna.signing.key-file:${SKANNA_DATA_DIR:./data}/keys/signing-ed25519.pk8}") Path keyFile) {
        this.keys = privateKey.isBlank() ? fromFile(keyFile) : decode(privateKey.strip(), publicKey.strip());
        this.keyId = keyIdOf(keys.getPublic().getEncoded());
    }

    /** Names this node's key: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public String keyId() {
        return keyId;
    }

    static String keyIdOf(byte[] encodedPublicKey) {
        return java.util.HexFormat.of().formatHex(Sha256.digest(encodedPublicKey), 0, 8);
    }

    /** The chain's other published keys (base64 X.509), besides this node's own. */
    void acceptOthers(List<String> publicKeys) {
        Map<String, PublicKey> decoded = new LinkedHashMap<>();
        for (String encoded : publicKeys) {
            try {
                byte[] x509 = Base64.getDecoder().decode(encoded);
                String id = keyIdOf(x509);
                if (!id.equals(keyId)) {
                    decoded.put(id, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                log.warn("Skipping a published signing key that is not an Ed25519 key");
            }
        }
        others = Map.copyOf(decoded);
    }

    /** Whether {@code keyId} names this node's key or one of the chain's other published keys. */
    public boolean knows(String keyId) {
        return keyId.equals(this.keyId) || others.containsKey(keyId);
    }

    /** The public key, X.509 SubjectPublicKeyInfo, base64: what staff devices and auditors verify with. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    public String sign(String text) {
        return sign(text.getBytes(StandardCharsets.UTF_8));
    }

    public String sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public boolean verify(String text, String signature) {
        return signer(null, text, signature).isPresent();
    }

    public boolean verify(byte[] data, String signature) {
        return signer(null, data, signature).isPresent();
    }

    /**
     * The id of the chain key that made {@code signature} over {@code text}, or empty when none did. With a
     * {@code keyId} only that key is tried — a signature claiming a key that did not make it is not valid —
     * without one (what was signed before signatures carried their key) every key of the chain is.
     */
    public Optional<String> signer(String keyId, String text, String signature) {
        return signer(keyId, text.getBytes(StandardCharsets.UTF_8), signature);
    }

    public Optional<String> signer(String keyId, byte[] data, String signature) {
        if (keyId != null) {
            PublicKey key = keyId.equals(this.keyId) ? keys.getPublic() : others.get(keyId);
            return key != null && verify(key, data, signature) ? Optional.of(keyId) : Optional.empty();
        }
        if (verify(keys.getPublic(), data, signature)) {
            return Optional.of(this.keyId);
        }
        return others.entrySet().stream()
                .filter(other -> verify(other.getValue(), data, signature))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    private static boolean verify(PublicKey key, byte[] data, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair decode(String pkcs8, String x509) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            KeyPair pair = new KeyPair(
                    factory.generatePublic(
                            new X509EncodedKeySpec(Base64.getDecoder().decode(x509))),
                    factory.generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8))));
            Signature check = Signature.getInstance("Ed25519");
            check.initSign(pair.getPrivate());
            check.update(new byte[] {42});
            byte[] signed = check.sign();
            check.initVerify(pair.getPublic());
            check.update(new byte[] {42});
            if (!check.verify(signed)) {
                throw new IllegalStateException("SKANNA_SIGNING_PUBLIC_KEY does not belong to SKANNA_SIGNING_KEY");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "SKANNA_SIGNING_KEY and SKANNA_SIGNING_PUBLIC_KEY must be a base64 Ed25519 key pair", e);
        }
    }

    private static KeyPair fromFile(Path file) {
        try {
            Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
            if (Files.exists(file) && Files.exists(publicFile)) {
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                        Base64.getDecoder().decode(Files.readString(file).strip())));
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(Files.readString(publicFile).strip())));
                return new KeyPair(publicKey, privateKey);
            }
            KeyPair generated = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.getParent());
            writePrivate(
                    file,
                    Base64.getEncoder().encodeToString(generated.getPrivate().getEncoded()));
            Files.writeString(
                    publicFile,
                    Base64.getEncoder().encodeToString(generated.getPublic().getEncoded()));
            log.warn("Generated a new Ed25519 signing key in {}; back it up, and give every node the same key.", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the signing key at " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key at " + file + " is not an Ed25519 key", e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder's own permissions must protect it
        }
    }
}
