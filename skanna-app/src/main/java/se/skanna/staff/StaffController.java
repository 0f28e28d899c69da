package se.skanna.staff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.staff.StaffAccounts.StaffAccount;

/** HQ manages staff accounts. */
@RestController
@RequestMapping("/api/v1/staff")
class StaffController {

    private final StaffAccounts accounts;
    private final AccessPolicy access;

    StaffController(StaffAccounts accounts, AccessPolicy access) {
        this.accounts = accounts;
        this.access = access;
    }

    record NewAccount(String username, String password, Role role, Set<String> storeIds) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffAccount create(@RequestBody NewAccount account) {
        access.requireHq();
        return accounts.create(account.username(), account.password(), account.role(), account.storeIds());
    }

    @GetMapping
    Map<String, List<StaffAccount>> list() {
        access.requireHq();
        return Map.of("accounts", accounts.list());
    }
}
