package se.skanna.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HQ imports the chain's member ids in bulk (only their keyed hashes are stored) and removes them one by one. */
@RestController
class MemberController {

    private final Members members;

    MemberController(Members members) {
        this.members = members;
    }

    /** Member ids to add: at least one. */
    record MemberImport(
            @NotEmpty(message = Members.IDS_RULE) List<String> memberIds) {}

    @PostMapping("/api/v1/members/imports")
    Members.ImportReport importIds(@Valid @RequestBody MemberImport body) {
        return members.importIds(body.memberIds());
    }

    @DeleteMapping("/api/v1/members/{memberId}")
    ResponseEntity<Void> remove(@PathVariable String memberId) {
        members.remove(memberId);
        return ResponseEntity.noContent().build();
    }
}
