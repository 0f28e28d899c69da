package se.skanna.staff;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.shared.Sha256;

/**
 * API tokens for integrations ({@code Authorization: Bearer skanna_…}): created by HQ and shown once, scoped to
 * a role and stores like an account, revocable. Only the SHA-256 of the token is kept: 256 random bits need no
 * slow hash, so a call with a token costs one indexed lookup instead of a bcrypt check.
 */
@Service
class ApiTokens {

    /** Every token starts with this, so a shopper's trip token is never mistaken for one. */
    static final String PREFIX = "skanna_";

    // last_used_at is written at most once a minute per token, not on every call
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final int MAX_NAME = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    record ApiToken(
            String id,
            String name,
            Role role,
            Set<String> storeIds,
            String createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /** The answer to a creation: the token itself is in here and nowhere else, ever. */
    record CreatedToken(
            String id,
            String name,
            Role role,
            Set<String> storeIds,
            String createdBy,
            Instant createdAt,
            String token) {}

    private final JdbcClient jdbc;
    private final StaffAccounts accounts;
    private final ActionLog log;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, StaffAccounts accounts, ActionLog log, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.log = log;
        this.clock = clock;
    }

    CreatedToken create(StaffPrincipal actor, String name, Role role, Set<String> storeIds) {
        requireHqPerson(actor);
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ProblemException.invalidField("name", "A name of 1–" + MAX_NAME + " characters says what uses it.");
        }
        Set<String> stores = accounts.checkRoleAndStores(role, storeIds);
        String id = HexFormat.of().formatHex(randomBytes(10));
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        return log.inOneTransaction(() -> {
            jdbc.sql("insert into api_token (id, name, token_hash, role, created_by, created_at)"
                            + " values (:id, :name, :hash, :role, :by, :at)")
                    .param("id", id)
                    .param("name", name.strip())
                    .param("hash", hash(token))
                    .param("role", role.name())
                    .param("by", actor.getUsername())
                    .param("at", utc(now))
                    .update();
            for (String store : stores) {
                jdbc.sql("insert into api_token_store (token_id, store_id) values (:id, :store)")
                        .param("id", id)
                        .param("store", store)
                        .update();
            }
            log.record(
                    actor,
                    "TOKEN_CREATED",
                    stores.size() == 1 ? stores.iterator().next() : null,
                    id,
                    name.strip() + " (" + role.name()
                            + (stores.isEmpty()
                                    ? ""
                                    : " "
                                            + String.join(
                                                    ", ",
                                                    stores.stream().sorted().toList())) + ")");
            return new CreatedToken(id, name.strip(), role, stores, actor.getUsername(), now, token);
        });
    }

    List<ApiToken> list(StaffPrincipal actor) {
        requireHqPerson(actor);
        return jdbc
                .sql("select * from api_token order by created_at desc, id")
                .query((rs, n) -> new ApiToken(
                        rs.getString("id"),
                        rs.getString("name"),
                        Role.valueOf(rs.getString("role")),
                        Set.of(),
                        rs.getString("created_by"),
                        instant(rs, "created_at"),
                        instant(rs, "last_used_at"),
                        instant(rs, "revoked_at")))
                .list()
                .stream()
                .map(token -> new ApiToken(
                        token.id(),
                        token.name(),
                        token.role(),
                        stores(token.id()),
                        token.createdBy(),
                        token.createdAt(),
                        token.lastUsedAt(),
                        token.revokedAt()))
                .toList();
    }

    /** From now on the token is refused (401); a token is revoked once. */
    void revoke(StaffPrincipal actor, String id) {
        requireHqPerson(actor);
        log.inOneTransaction(() -> {
            Optional<Boolean> revoked = jdbc.sql("select revoked_at is not null from api_token where id = :id")
                    .param("id", id)
                    .query(Boolean.class)
                    .optional();
            if (revoked.isEmpty()) {
                throw new ProblemException(ErrorCode.TOKEN_NOT_FOUND, "There is no such API token.");
            }
            int changed = jdbc.sql("update api_token set revoked_at = :at where id = :id and revoked_at is null")
                    .param("at", utc(clock.instant()))
                    .param("id", id)
                    .update();
            if (changed == 0) {
                throw new ProblemException(ErrorCode.TOKEN_REVOKED, "This API token is already revoked.");
            }
            log.record(actor, "TOKEN_REVOKED", null, id, null);
            return null;
        });
    }

    /** The caller a presented token stands for, if it is known and not revoked. */
    Optional<StaffPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        record Row(String id, Role role, Instant lastUsedAt) {}
        Optional<Row> row = jdbc.sql("select id, role, last_used_at from api_token"
                        + " where token_hash = :hash and revoked_at is null")
                .param("hash", hash(token))
                .query((rs, n) ->
                        new Row(rs.getString("id"), Role.valueOf(rs.getString("role")), instant(rs, "last_used_at")))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (row.get().lastUsedAt() == null || row.get().lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
            jdbc.sql("update api_token set last_used_at = :at where id = :id")
                    .param("at", utc(now))
                    .param("id", row.get().id())
                    .update();
        }
        return Optional.of(StaffPrincipal.forToken(
                row.get().id(), row.get().role(), stores(row.get().id())));
    }

    private Set<String> stores(String id) {
        return new HashSet<>(jdbc.sql("select store_id from api_token_store where token_id = :id")
                .param("id", id)
                .query(String.class)
                .list());
    }

    private static void requireHqPerson(StaffPrincipal actor) {
        if (actor.role() != Role.HQ || actor.viaToken()) {
            throw new ProblemException(ErrorCode.FORBIDDEN, "API tokens are managed by HQ staff signed in as people.");
        }
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
