package se.skanna.exit;

import static se.skanna.shared.Times.instant;
import static se.skanna.shared.Times.utc;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import se.skanna.payment.Refunds;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.signing.SigningKeys;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.Role;
import se.skanna.staff.StaffPrincipal;
import se.skanna.trip.Trips;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Exit passes: signed tokens (QR content) that prove a trip was paid. A paid trip has exactly one pass: showing
 * it again gives the same token. It expires {@code skanna.exit-pass.lifetime} after payment (default 2 h), works
 * once, and a trip refunded in full has none. A staff device can check the signature and expiry offline with the
 * published key; {@code POST /exit/verify} also makes the pass single-use, refuses passes of refunded trips and
 * passes that are not the trip's current one, and says whether the trip was picked for an audit.
 *
 * <p>Token: {@code base64url(payload JSON) "." base64url(Ed25519 signature of the first part)}, payload
 * {@code {"v":1,"pid","tid","sid","exp"}} (exp in epoch seconds). Ed25519 signatures are deterministic, so the
 * same stored pass always yields the same token.
 */
@Service
public class ExitPasses {

    private final Trips trips;
    private final Refunds refunds;
    private final SigningKeys keys;
    private final AccessPolicy access;
    private final ActionLog log;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration lifetime;

    ExitPasses(
            Trips trips,
            Refunds refunds,
            SigningKeys keys,
            AccessPolicy access,
            ActionLog log,
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock,
            @Value("${skanna.exit-pass.lifetime:2h}") Duration lifetime) {
        this.trips = trips;
        this.refunds = refunds;
        this.keys = keys;
        this.access = access;
        this.log = log;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** The shopper's pass: the token to show as a QR code and when it expires. */
    public record ExitPass(String token, String expiresAt) {}

    /**
     * A check's verdict: PASS or AUDIT with the trip, or INVALID with a reason (and the trip when the pass named
     * one); absent fields do not apply.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"result", "reason", "tripId"})
    public record Verdict(String result, String reason, String tripId) {

        /** A desk's verdict on a pass it may not check (another store's): simply invalid. */
        public static Verdict invalid(String reason) {
            return new Verdict("INVALID", reason, null);
        }

        /** Whether the pass was genuine and current (PASS or AUDIT). */
        @JsonIgnore
        public boolean accepted() {
            return !"INVALID".equals(result);
        }
    }

    /** The signed content of a token; its JSON's order is the token's, do not reorder. */
    @JsonPropertyOrder({"v", "pid", "tid", "sid", "exp", "kid"})
    record Payload(int v, String pid, String tid, String sid, long exp, String kid) {}

    /** A trip's one pass as stored. */
    private record Pass(String passId, Instant expiresAt) {}

    /**
     * The paid trip's exit pass: made on first request, the same token every time after. Refused (409) while the
     * trip is not paid, once it is refunded in full ({@code trip_refunded}) and after it expired
     * ({@code exit_pass_expired}).
     */
    public ExitPass issue(String tripId, String token) {
        Trips.View trip = trips.view(tripId, token);
        if (!"PAID".equals(trip.status())) {
            throw new ProblemException(ErrorCode.NOT_PAID, "Pay first; the exit pass comes with the receipt.");
        }
        if (refunds.fullyRefunded(tripId)) {
            throw new ProblemException(ErrorCode.TRIP_REFUNDED, "This trip was refunded; it has no exit pass.");
        }
        Pass pass = find(tripId).orElseGet(() -> create(tripId));
        if (!pass.expiresAt().isAfter(clock.instant())) {
            throw new ProblemException(
                    ErrorCode.EXIT_PASS_EXPIRED,
                    "The exit pass expired at " + pass.expiresAt() + "; ask a staff member at the exit.",
                    Map.of("expiresAt", pass.expiresAt().toString()));
        }
        Payload payload = new Payload(
                1, pass.passId(), tripId, trip.storeId(), pass.expiresAt().getEpochSecond(), keys.keyId());
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        return new ExitPass(body + "." + keys.sign(body), pass.expiresAt().toString());
    }

    private Pass create(String tripId) {
        Instant now = clock.instant();
        Instant paidAt = trips.paidAt(tripId).orElse(now);
        // whole seconds: the token carries the expiry in epoch seconds
        Pass pass = new Pass("x-" + UUID.randomUUID(), paidAt.plus(lifetime).truncatedTo(ChronoUnit.SECONDS));
        try {
            jdbc.sql("insert into exit_pass (trip_id, pass_id, issued_at, expires_at)"
                            + " values (:trip, :pass, :at, :expires)")
                    .param("trip", tripId)
                    .param("pass", pass.passId())
                    .param("at", utc(now))
                    .param("expires", utc(pass.expiresAt()))
                    .update();
            return pass;
        } catch (DuplicateKeyException e) {
            // another request for the same trip made it first: that one is the trip's pass
            return find(tripId).orElseThrow();
        }
    }

    /** What staff see of a trip's exit pass: never fetched, valid until, or used (when, by whom, with what verdict). */
    public record PassState(boolean issued, Instant expiresAt, Instant usedAt, String usedBy, String result) {}

    /** The state of a trip's exit pass, for the store's staff (the caller checks role and store). */
    public PassState stateOf(String tripId) {
        Optional<Pass> pass = find(tripId);
        if (pass.isEmpty()) {
            return new PassState(false, null, null, null, null);
        }
        return jdbc.sql("select used_at, used_by, result from exit_pass_use where pass_id = :pass")
                .param("pass", pass.get().passId())
                .query((rs, n) -> new PassState(
                        true,
                        pass.get().expiresAt(),
                        instant(rs, "used_at"),
                        rs.getString("used_by"),
                        rs.getString("result")))
                .optional()
                .orElse(new PassState(true, pass.get().expiresAt(), null, null, null));
    }

    private Optional<Pass> find(String tripId) {
        return jdbc.sql("select pass_id, expires_at from exit_pass where trip_id = :trip")
                .param("trip", tripId)
                .query((rs, n) -> new Pass(rs.getString("pass_id"), instant(rs, "expires_at")))
                .optional();
    }

    /**
     * {@link #verify Verifies} a pass and writes the check to the action log (right after the check: the pass's
     * single use is committed on its own). {@code deskStoreId} is the store whose exit desk checks the pass, or
     * null when the caller has none (the API); the log then names the pass's own store.
     */
    public Verdict verifyAndRecord(String token, String deskStoreId) {
        StaffPrincipal me = access.current();
        Verdict verdict = verify(token);
        String tripId = verdict.tripId();
        String storeId = deskStoreId;
        if (storeId == null && tripId != null) {
            storeId = trips.storeOf(tripId);
        }
        log.record(
                me,
                "EXIT_PASS_VERIFIED",
                storeId,
                tripId,
                verdict.result() + (verdict.reason() != null ? " " + verdict.reason() : ""));
        return verdict;
    }

    /**
     * PASS or AUDIT for the genuine, current, unexpired, unused pass of a paid trip of this staff member's store;
     * otherwise INVALID with a reason: {@code unreadable}, {@code superseded} (not the trip's pass),
     * {@code already_used}, {@code not_paid}, {@code refunded} or {@code expired}.
     */
    public Verdict verify(String token) {
        access.current();
        JsonNode payload = parse(token);
        if (payload == null) {
            return invalid("unreadable", null);
        }
        String tripId = payload.path("tid").asString();
        String storeId = payload.path("sid").asString();
        String passId = payload.path("pid").asString();
        access.requireInStore(Role.STAFF, storeId);
        Optional<Pass> pass = find(tripId);
        if (pass.isEmpty() || !pass.get().passId().equals(passId)) {
            return invalid("superseded", tripId);
        }
        if (jdbc.sql("select count(*) from exit_pass_use where pass_id = :pass")
                        .param("pass", passId)
                        .query(Long.class)
                        .single()
                > 0) {
            return invalid("already_used", tripId);
        }
        Trips.Risk risk = trips.risk(tripId);
        if (!"PAID".equals(risk.status())) {
            return invalid("not_paid", tripId);
        }
        if (refunds.fullyRefunded(tripId)) {
            return invalid("refunded", tripId);
        }
        long now = clock.instant().getEpochSecond();
        if (payload.path("exp").asLong() <= now || pass.get().expiresAt().getEpochSecond() <= now) {
            return invalid("expired", tripId);
        }
        String result = risk.auditSelected() ? "AUDIT" : "PASS";
        try {
            jdbc.sql("insert into exit_pass_use (pass_id, trip_id, used_at, used_by, result)"
                            + " values (:pass, :trip, :at, :by, :result)")
                    .param("pass", passId)
                    .param("trip", tripId)
                    .param("at", utc(clock.instant()))
                    .param("by", access.current().getUsername())
                    .param("result", result)
                    .update();
        } catch (DuplicateKeyException e) {
            return invalid("already_used", tripId);
        }
        return new Verdict(result, null, tripId);
    }

    private JsonNode parse(String token) {
        if (token == null || token.length() > 1024) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        JsonNode payload;
        try {
            payload = json.readTree(
                    new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
        // the key the pass names, when it names one (passes from before key ids are tried against every key)
        String keyId = payload.path("kid").isString() ? payload.path("kid").asString() : null;
        if (payload.path("v").asInt() != 1
                || keys.signer(keyId, token.substring(0, dot), token.substring(dot + 1))
                        .isEmpty()) {
            return null;
        }
        return payload;
    }

    private static Verdict invalid(String reason, String tripId) {
        return new Verdict("INVALID", reason, tripId);
    }
}
