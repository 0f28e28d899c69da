package se.skanna.trip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import se.skanna.shared.Sha256;

/** Trip bearer tokens: 256 random bits for the shopper, only their SHA-256 kept by the server. */
final class TripTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TripTokens() {}

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    /** Compares in constant time, so response timing tells nothing about how much of a guess was right. */
    static boolean matches(String token, String storedHash) {
        return token != null
                && MessageDigest.isEqual(
                        hash(token).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
