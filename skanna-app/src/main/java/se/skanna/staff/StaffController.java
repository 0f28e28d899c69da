package se.skanna.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.staff.StaffAccounts.StaffAccount;

/** HQ manages staff accounts (a manager their stores' STAFF); everyone changes their own password. */
@RestController
@RequestMapping("/api/v1")
class StaffController {

    private final StaffAccounts accounts;
    private final AccessPolicy access;

    StaffController(StaffAccounts accounts, AccessPolicy access) {
        this.accounts = accounts;
        this.access = access;
    }

    record NewAccount(String username, String password, Role role, Set<String> storeIds) {}

    record NewPassword(String password) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    StaffAccount create(@RequestBody NewAccount account) {
        StaffPrincipal hq = access.requireHq();
        return accounts.create(hq, account.username(), account.password(), account.role(), account.storeIds());
    }

    /** Every staff account. */
    record Accounts(List<StaffAccount> accounts) {}

    @GetMapping("/staff")
    Accounts list() {
        access.requireHq();
        return new Accounts(accounts.list());
    }

    @PostMapping("/staff/{username}/disable")
    StaffAccount disable(@PathVariable String username) {
        return accounts.disable(access.current(), username);
    }

    @PostMapping("/staff/{username}/enable")
    StaffAccount enable(@PathVariable String username) {
        return accounts.enable(access.current(), username);
    }

    @PutMapping("/staff/{username}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String username, @RequestBody NewPassword body) {
        accounts.resetPassword(access.current(), username, body.password());
    }

    @DeleteMapping("/staff/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String username) {
        accounts.delete(access.requireHq(), username);
    }

    @PutMapping("/account/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeOwnPassword(@RequestBody PasswordChange body, HttpServletRequest request) {
        accounts.changeOwnPassword(
                access.current(), request.getRemoteAddr(), body.currentPassword(), body.newPassword());
    }
}
