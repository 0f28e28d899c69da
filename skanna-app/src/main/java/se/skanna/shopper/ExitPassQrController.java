package se.skanna.shopper;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.exit.ExitPasses;
import se.skanna.trip.Trips;

/**
 * The exit pass as a QR code the shopper's phone shows at the exit: a fresh pass (same checks as
 * {@code /exit-pass}: the trip's token, a paid trip) drawn as SVG. Never cached: each pass works once.
 */
@RestController
class ExitPassQrController {

    private final ExitPasses passes;

    ExitPassQrController(ExitPasses passes) {
        this.passes = passes;
    }

    @GetMapping(path = "/api/v1/trips/{tripId}/exit-pass.svg")
    ResponseEntity<String> exitPassSvg(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        ExitPasses.ExitPass pass = passes.issue(tripId, Trips.bearerToken(auth));
        String token = pass.token();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .cacheControl(CacheControl.noStore())
                .header("X-Exit-Pass-Expires", pass.expiresAt())
                .header("X-Exit-Pass-Token", token)
                .body(QrCodes.svg(token, "Exit pass"));
    }
}
