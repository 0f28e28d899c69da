package se.skanna.staff;

import static se.skanna.shared.Times.utc;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffAccountRepository {

    private final JdbcClient jdbc;

    StaffAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StaffPrincipal> find(String username) {
        return jdbc.sql("select username, password_hash, role, enabled, credentials_stamp from staff_account"
                        + " where username = :u")
                .param("u", username)
                .query((rs, n) -> new StaffPrincipal(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        storeIds(username),
                        rs.getBoolean("enabled"),
                        rs.getString("credentials_stamp")))
                .optional();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from staff_account where username = :u")
                        .param("u", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<String> usernames() {
        return jdbc.sql("select username from staff_account order by username")
                .query(String.class)
                .list();
    }

    void insert(String username, String passwordHash, Role role, Set<String> storeIds, Instant at) {
        jdbc.sql("insert into staff_account (username, password_hash, role, enabled, created_at, credentials_stamp)"
                        + " values (:u, :hash, :role, true, :at, :stamp)")
                .param("u", username)
                .param("stamp", newStamp())
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("at", utc(at))
                .update();
        for (String storeId : storeIds) {
            jdbc.sql("insert into staff_store (username, store_id) values (:u, :store)")
                    .param("u", username)
                    .param("store", storeId)
                    .update();
        }
    }

    /** Whether a session opened with {@code stamp} may go on: the account exists, is enabled, same password. */
    boolean sessionStillValid(String username, String stamp) {
        return jdbc.sql("select count(*) from staff_account where username = :u and enabled = true"
                                + " and credentials_stamp = :stamp")
                        .param("u", username)
                        .param("stamp", stamp)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Enables or disables; a disabled account also gets a new stamp, so its sessions end. False if unknown. */
    boolean setEnabled(String username, boolean enabled) {
        JdbcClient.StatementSpec update = enabled
                ? jdbc.sql("update staff_account set enabled = true where username = :u")
                : jdbc.sql("update staff_account set enabled = false, credentials_stamp = :stamp where username = :u")
                        .param("stamp", newStamp());
        return update.param("u", username).update() == 1;
    }

    /** A new password hash and stamp. False if the account is unknown. */
    boolean setPassword(String username, String passwordHash) {
        return jdbc.sql(
                                "update staff_account set password_hash = :hash, credentials_stamp = :stamp where username = :u")
                        .param("hash", passwordHash)
                        .param("stamp", newStamp())
                        .param("u", username)
                        .update()
                == 1;
    }

    /** Deletes the account and its store bindings. False if unknown. */
    boolean delete(String username) {
        jdbc.sql("delete from staff_store where username = :u")
                .param("u", username)
                .update();
        return jdbc.sql("delete from staff_account where username = :u")
                        .param("u", username)
                        .update()
                == 1;
    }

    private static String newStamp() {
        return java.util.UUID.randomUUID().toString();
    }

    private Set<String> storeIds(String username) {
        return new HashSet<>(jdbc.sql("select store_id from staff_store where username = :u")
                .param("u", username)
                .query(String.class)
                .list());
    }
}
