package se.skanna.signing;

import static se.skanna.shared.Times.utc;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.skanna.shared.ClusterLock;

/**
 * One signing identity per chain. The first node registers its key as the chain's ACTIVE key; every later node
 * must sign with that key, or it refuses to start (before it takes any traffic) — receipts, journal entries and
 * exit passes it signed would not verify on the other nodes. {@code skanna.signing.rotate=true} on one node makes
 * its key the ACTIVE one and retires the others, which stay published so that what they signed still verifies.
 */
@Component
class ChainSigningIdentity implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ChainSigningIdentity.class);

    record PublishedKey(String keyId, String publicKey, String state) {}

    private final SigningKeys keys;
    private final JdbcClient jdbc;
    private final ClusterLock lock;
    private final Clock clock;
    private final boolean rotate;

    ChainSigningIdentity(
            SigningKeys keys,
            JdbcClient jdbc,
            ClusterLock lock,
            Clock clock,
            @Value("${skanna.signing.rotate:false}") boolean rotate) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.lock = lock;
        this.clock = clock;
        this.rotate = rotate;
    }

    @Override
    public void afterSingletonsInstantiated() {
        lock.exclusively("signing-key", this::register);
        refresh();
    }

    /** The chain's keys, the ACTIVE one first. */
    List<PublishedKey> published() {
        return jdbc.sql("select key_id, public_key, state from signing_key order by state, registered_at desc")
                .query((rs, n) ->
                        new PublishedKey(rs.getString("key_id"), rs.getString("public_key"), rs.getString("state")))
                .list();
    }

    /**
     * Learns keys other nodes registered since (a rotation on another node): what they sign verifies here
     * within this interval, without a restart.
     */
    @Scheduled(
            fixedDelayString = "${skanna.signing.refresh-interval:30s}",
            initialDelayString = "${skanna.signing.refresh-interval:30s}")
    void refreshQuietly() {
        try {
            refresh();
        } catch (DataAccessException e) {
            log.debug("Could not read the chain's signing keys; keeping the ones known", e);
        }
    }

    private void refresh() {
        keys.acceptOthers(published().stream()
                .filter(key -> !key.keyId().equals(keys.keyId()))
                .map(PublishedKey::publicKey)
                .toList());
    }

    private void register() {
        String mine = keys.keyId();
        List<PublishedKey> known = published();
        List<String> active = known.stream()
                .filter(key -> key.state().equals("ACTIVE"))
                .map(PublishedKey::keyId)
                .toList();
        if (active.contains(mine)) {
            return;
        }
        if (!active.isEmpty() && !rotate) {
            throw new IllegalStateException("This node signs with key " + mine + ", but the chain signs with key "
                    + String.join(", ", active) + ": receipts, journal entries and exit passes from this node would"
                    + " not verify on the others. Give every node the chain's SKANNA_SIGNING_KEY and"
                    + " SKANNA_SIGNING_PUBLIC_KEY, or start one node with skanna.signing.rotate=true to make this"
                    + " key the chain's (the old one stays published for verification).");
        }
        var now = utc(clock.instant());
        jdbc.sql("update signing_key set state = 'RETIRED', retired_at = :now where state = 'ACTIVE'")
                .param("now", now)
                .update();
        if (known.stream().anyMatch(key -> key.keyId().equals(mine))) {
            jdbc.sql("update signing_key set state = 'ACTIVE', retired_at = null where key_id = :id")
                    .param("id", mine)
                    .update();
        } else {
            jdbc.sql("insert into signing_key (key_id, public_key, state, registered_at)"
                            + " values (:id, :key, 'ACTIVE', :now)")
                    .param("id", mine)
                    .param("key", keys.publicKey())
                    .param("now", now)
                    .update();
        }
        if (active.isEmpty()) {
            log.info("Registered signing key {} as the chain's.", mine);
        } else {
            log.warn(
                    "Rotated the chain's signing key to {}; retired {} (still published for verification).",
                    mine,
                    active);
        }
    }
}
