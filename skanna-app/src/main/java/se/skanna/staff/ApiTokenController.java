package se.skanna.staff;

import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.staff.ApiTokens.ApiToken;
import se.skanna.staff.ApiTokens.CreatedToken;

/** HQ creates, lists and revokes API tokens for integrations. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {

    private final ApiTokens tokens;
    private final AccessPolicy access;

    ApiTokenController(ApiTokens tokens, AccessPolicy access) {
        this.tokens = tokens;
        this.access = access;
    }

    record NewToken(String name, Role role, Set<String> storeIds) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken create(@RequestBody NewToken token) {
        return tokens.create(access.requireHq(), token.name(), token.role(), token.storeIds());
    }

    /** The chain's API tokens (never their secrets). */
    record Tokens(List<ApiToken> tokens) {}

    @GetMapping
    Tokens list() {
        return new Tokens(tokens.list(access.requireHq()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id) {
        tokens.revoke(access.requireHq(), id);
    }
}
