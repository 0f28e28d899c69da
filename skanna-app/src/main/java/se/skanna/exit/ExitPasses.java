package se.skanna.exit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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
 * Exit passes: short-lived, single-use, signed tokens (QR content) that prove a trip was paid. A staff device
 * can check the signature and expiry offline with the published key; {@code POST /exit/verify} also makes the
 * pass single-use and says whether the trip was picked for an audit.
 *
 * <p>Token: {@code base64url(payload JSON) "." base64url(Ed25519 signature of the first part)}, payload
 * {@code {"v":1,"pid","tid","sid","exp"}} (exp in epoch seconds).
 */
@Service
public class ExitPasses {

    private final Trips trips;
    private final SigningKeys keys;
    private final AccessPolicy access;
    private final ActionLog log;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration lifetime;

    ExitPasses(
            Trips trips,
            SigningKeys keys,
            AccessPolicy access,
            ActionLog log,
            JdbcClient jdbc,
            ObjectMapper json,
            Clock clock,
            @Value("${skanna.exit-pass.lifetime:15m}") Duration lifetime) {
        this.trips = trips;
        this.keys = keys;
        this.access = access;
        this.log = log;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh pass for a paid trip; each call gives a new one, each usable once. */
    public Map<String, Object> issue(String tripId, String token) {
        Trips.View trip = trips.view(tripId, token);
        if (!"PAID".equals(trip.status())) {
            throw new ProblemException(ErrorCode.NOT_PAID, "Pay first; the exit pass comes with the receipt.");
        }
        Instant expires = clock.instant().plus(lifetime);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("v", 1);
        payload.put("pid", "x-" + UUID.randomUUID());
        payload.put("tid", tripId);
        payload.put("sid", trip.storeId());
        payload.put("exp", expires.getEpochSecond());
        String body = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
        return Map.of("token", body + "." + keys.sign(body), "expiresAt", expires.toString());
    }

    /**
     * {@link #verify Verifies} a pass and writes the check to the action log (right after the check: the pass's
     * single use is committed on its own). {@code deskStoreId} is the store whose exit desk checks the pass, or
     * null when the caller has none (the API); the log then names the pass's own store.
     */
    public Map<String, Object> verifyAndRecord(String token, String deskStoreId) {
        StaffPrincipal me = access.current();
        Map<String, Object> verdict = verify(token);
        Object tripId = verdict.get("tripId");
        String storeId = deskStoreId;
        if (storeId == null && tripId != null) {
            storeId = trips.storeOf(tripId.toString());
        }
        log.record(
                me,
                "EXIT_PASS_VERIFIED",
                storeId,
                tripId == null ? null : tripId.toString(),
                verdict.get("result") + (verdict.containsKey("reason") ? " " + verdict.get("reason") : ""));
        return verdict;
    }

    /** PASS or AUDIT for a genuine, unexpired, unused pass of this staff member's store; INVALID otherwise. */
    public Map<String, Object> verify(String token) {
        access.current();
        JsonNode payload = parse(token);
        if (payload == null) {
            return invalid("unreadable", null);
        }
        String tripId = payload.path("tid").asString();
        String storeId = payload.path("sid").asString();
        access.requireInStore(Role.STAFF, storeId);
        if (payload.path("exp").asLong() < clock.instant().getEpochSecond()) {
            return invalid("expired", tripId);
        }
        Trips.Risk risk = trips.risk(tripId);
        if (!"PAID".equals(risk.status())) {
            return invalid("not_paid", tripId);
        }
        String result = risk.auditSelected() ? "AUDIT" : "PASS";
        try {
            jdbc.sql("insert into exit_pass_use (pass_id, trip_id, used_at, used_by, result)"
                            + " values (:pass, :trip, :at, :by, :result)")
                    .param("pass", payload.path("pid").asString())
                    .param("trip", tripId)
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .param("by", access.current().getUsername())
                    .param("result", result)
                    .update();
        } catch (DuplicateKeyException e) {
            return invalid("already_used", tripId);
        }
        return Map.of("result", result, "tripId", tripId);
    }

    private JsonNode parse(String token) {
        if (token == null || token.length() > 1024) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || !keys.verify(token.substring(0, dot), token.substring(dot + 1))) {
            return null;
        }
        try {
            JsonNode payload = json.readTree(
                    new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
            return payload.path("v").asInt() == 1 ? payload : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> invalid(String reason, String tripId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", "INVALID");
        answer.put("reason", reason);
        if (tripId != null) {
            answer.put("tripId", tripId);
        }
        return answer;
    }
}
