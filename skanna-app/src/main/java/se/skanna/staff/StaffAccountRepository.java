package se.skanna.staff;

import java.time.Instant;
import java.time.ZoneOffset;
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
        return jdbc.sql("select username, password_hash, role, enabled from staff_account where username = :u")
                .param("u", username)
                .query((rs, n) -> new StaffPrincipal(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        storeIds(username),
                        rs.getBoolean("enabled")))
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
        jdbc.sql("insert into staff_account (username, password_hash, role, enabled, created_at)"
                        + " values (:u, :hash, :role, true, :at)")
                .param("u", username)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
        for (String storeId : storeIds) {
            jdbc.sql("insert into staff_store (username, store_id) values (:u, :store)")
                    .param("u", username)
                    .param("store", storeId)
                    .update();
        }
    }

    long countKnownStores(Set<String> storeIds) {
        if (storeIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from store where id in (:ids)")
                .param("ids", storeIds)
                .query(Long.class)
                .single();
    }

    private Set<String> storeIds(String username) {
        return new HashSet<>(jdbc.sql("select store_id from staff_store where username = :u")
                .param("u", username)
                .query(String.class)
                .list());
    }
}
