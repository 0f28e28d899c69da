package se.skanna.exit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.trip.Trips;

/** The shopper fetches the exit pass to show as a QR code. */
@RestController
class ExitPassController {

    private final ExitPasses passes;

    ExitPassController(ExitPasses passes) {
        this.passes = passes;
    }

    @GetMapping("/api/v1/trips/{tripId}/exit-pass")
    ExitPasses.ExitPass exitPass(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return passes.issue(tripId, Trips.bearerToken(auth));
    }
}
