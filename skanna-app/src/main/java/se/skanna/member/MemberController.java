package se.skanna.member;

import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HQ imports the chain's member ids in bulk; only their keyed hashes are stored. */
@RestController
class MemberController {

    private final Members members;

    MemberController(Members members) {
        this.members = members;
    }

    record MemberImport(List<String> memberIds) {}

    @PostMapping("/api/v1/members/imports")
    Members.ImportReport importIds(@RequestBody MemberImport body) {
        return members.importIds(body.memberIds());
    }
}
