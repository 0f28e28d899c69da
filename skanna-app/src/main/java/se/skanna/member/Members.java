package se.skanna.member;

import static se.skanna.shared.Times.utc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.shared.Sha256;
import se.skanna.signing.SigningKeys;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.StaffPrincipal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Verified loyalty members. A member id counts on a trip (member prices, the shopper's history for audits) only
 * when it is verified: either the chain imported it ({@code POST /api/v1/members/imports}, kept only as an
 * HMAC-SHA256 of the id) or the shopper brings a member token signed by the chain's loyalty system.
 *
 * <p>Member token: a compact JWT signed with HS256, {@code base64url(header) "." base64url(payload) "."
 * base64url(HMAC-SHA256(key, header "." payload))}, header {@code {"alg":"HS256"}} (any {@code typ}), payload
 * {@code {"sub":<member id>,"exp":<epoch seconds>}}. The key is {@code skanna.members.token-key}
 * ({@code SKANNA_MEMBER_TOKEN_KEY}, at least 32 bytes); without one, tokens are refused.
 */
@Service
public class Members {

    public static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final AccessPolicy access;
    private final ActionLog log;
    private final ObjectMapper json;
    private final Clock clock;
    private final byte[] idHashKey;
    private final byte[] tokenKey;

    Members(
            JdbcClient jdbc,
            JdbcTemplate template,
            AccessPolicy access,
            ActionLog log,
            ObjectMapper json,
            Clock clock,
            SigningKeys signing,
            @Value("${skanna.members.id-hash-key:}") String idHashKey,
            @Value("${skanna.members.token-key:}") String tokenKey) {
        this.jdbc = jdbc;
        this.template = template;
        this.access = access;
        this.log = log;
        this.json = json;
        this.clock = clock;
        // Without a key of its own, the id hash key is derived from the signing key: stable across restarts and
        // nodes that share the signing key, and unknown to anyone who holds only the database.
        this.idHashKey = idHashKey.isBlank()
                ? Sha256.digest(signing.sign("skanna:member-id-hash-key:v1").getBytes(StandardCharsets.US_ASCII))
                : idHashKey.getBytes(StandardCharsets.UTF_8);
        this.tokenKey = tokenKey.isBlank() ? null : tokenKey.getBytes(StandardCharsets.UTF_8);
        if (this.tokenKey != null && this.tokenKey.length < 32) {
            throw new IllegalStateException("skanna.members.token-key (SKANNA_MEMBER_TOKEN_KEY) must be at least"
                    + " 32 bytes; it is " + this.tokenKey.length);
        }
    }

    /**
     * The verified member id for a new trip: the id itself when the chain imported it, the token's member id
     * when the token is genuine and unexpired; null when neither is given. An unknown id is refused
     * ({@code unknown_member}), a bad or expired token too ({@code invalid_member_token}); both 422.
     */
    public String verify(String memberId, String memberToken) {
        if (memberId != null && memberToken != null) {
            throw ProblemException.invalidField("memberToken", "Give memberId or memberToken, not both.");
        }
        if (memberToken != null) {
            return fromToken(memberToken);
        }
        if (memberId == null) {
            return null;
        }
        if (!MEMBER_ID.matcher(memberId).matches()) {
            throw ProblemException.invalidField("memberId", "A member id is 1–64 letters, digits, '.', '_' or '-'.");
        }
        boolean known = jdbc.sql("select count(*) from member where id_hash = :hash")
                        .param("hash", hash(memberId))
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            throw new ProblemException(
                    ErrorCode.UNKNOWN_MEMBER, "This member id is not one of the chain's members; shop without it.");
        }
        return memberId;
    }

    /** What a member import did: ids received (duplicates counted once) and how many were new. */
    public record ImportReport(int received, int added) {}

    static final String IDS_RULE = "Give at least one member id.";

    /**
     * Adds member ids (HQ only), all or nothing: any malformed id rejects the import with a report of each one.
     * Ids already imported are left as they are.
     */
    @Transactional
    public ImportReport importIds(List<String> memberIds) {
        StaffPrincipal me = access.requireHq();
        if (memberIds == null || memberIds.isEmpty()) {
            throw ProblemException.invalidField("memberIds", IDS_RULE);
        }
        List<Map<String, String>> errors = new ArrayList<>();
        Set<String> hashes = new LinkedHashSet<>();
        Mac idMac = mac(idHashKey);
        for (int i = 0; i < memberIds.size(); i++) {
            String id = memberIds.get(i);
            if (id == null || !MEMBER_ID.matcher(id.strip()).matches()) {
                if (errors.size() < 100) {
                    errors.add(
                            Map.of("path", "memberIds[" + i + "]", "reason", "1–64 letters, digits, '.', '_' or '-'"));
                }
            } else {
                hashes.add(HexFormat.of().formatHex(idMac.doFinal(id.strip().getBytes(StandardCharsets.UTF_8))));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ErrorCode.VALIDATION_FAILED,
                    "Some member ids are malformed; nothing was imported.",
                    Map.of("errors", errors));
        }
        List<String> all = List.copyOf(hashes);
        Instant now = clock.instant();
        int added = 0;
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
            Set<String> known = new HashSet<>(jdbc.sql("select id_hash from member where id_hash in (:hashes)")
                    .param("hashes", chunk)
                    .query(String.class)
                    .list());
            List<Object[]> rows = new ArrayList<>();
            for (String hash : chunk) {
                if (!known.contains(hash)) {
                    rows.add(new Object[] {hash, utc(now)});
                }
            }
            template.batchUpdate("insert into member (id_hash, imported_at) values (?, ?)", rows);
            added += rows.size();
        }
        log.record(me, "MEMBERS_IMPORTED", null, null, all.size() + " member ids, " + added + " new");
        return new ImportReport(all.size(), added);
    }

    /**
     * Removes a member id (HQ only): trips started from now on cannot use it. Trips already started keep the id
     * they were priced with; they are part of the store's accounting records.
     */
    @Transactional
    public void remove(String memberId) {
        StaffPrincipal me = access.requireHq();
        if (memberId == null || !MEMBER_ID.matcher(memberId).matches()) {
            throw ProblemException.invalidField("memberId", "A member id is 1–64 letters, digits, '.', '_' or '-'.");
        }
        int removed = jdbc.sql("delete from member where id_hash = :hash")
                .param("hash", hash(memberId))
                .update();
        if (removed == 0) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND, "This member id is not one of the chain's members.");
        }
        // the id itself is not logged: the action log outlives the member
        log.record(me, "MEMBER_REMOVED", null, null, "1 member id removed");
    }

    private String fromToken(String token) {
        if (tokenKey == null) {
            throw new ProblemException(
                    ErrorCode.INVALID_MEMBER_TOKEN, "This chain does not accept member tokens; give the member id.");
        }
        String[] parts = token.length() > MAX_TOKEN_LENGTH ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalidToken("It is not a signed member token.");
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!"HS256".equals(header.path("alg").asString())
                    || !MessageDigest.isEqual(signature, hmac(tokenKey, parts[0] + "." + parts[1]))) {
                throw invalidToken("Its signature does not check out.");
            }
            JsonNode payload = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String memberId = payload.path("sub").asString();
            if (memberId == null
                    || !MEMBER_ID.matcher(memberId).matches()
                    || !payload.path("exp").isIntegralNumber()) {
                throw invalidToken("It carries no member id (sub) or no expiry (exp).");
            }
            if (payload.path("exp").asLong() <= clock.instant().getEpochSecond()) {
                throw invalidToken("It has expired; open the loyalty app again.");
            }
            return memberId;
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            throw invalidToken("It is not a signed member token.");
        }
    }

    private static ProblemException invalidToken(String why) {
        return new ProblemException(ErrorCode.INVALID_MEMBER_TOKEN, "The member token is not valid. " + why);
    }

    /** The stored form of a member id: hex HMAC-SHA256 under the id hash key. */
    String hash(String memberId) {
        return HexFormat.of().formatHex(hmac(idHashKey, memberId));
    }

    private static byte[] hmac(byte[] key, String text) {
        return mac(key).doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
