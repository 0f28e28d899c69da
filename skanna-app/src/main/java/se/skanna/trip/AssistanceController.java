package se.skanna.trip;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper calls for staff, with the trip's bearer token like every trip call. {@code 201 Created} when the
 * call opened a request; {@code 200 OK} with that same request when one was already open (nothing changes).
 */
@RestController
@RequestMapping("/api/v1/trips/{tripId}/assistance")
class AssistanceController {

    private final Assistance assistance;

    AssistanceController(Assistance assistance) {
        this.assistance = assistance;
    }

    record Call(String message) {}

    @PostMapping
    ResponseEntity<Assistance.ShopperView> call(
            @PathVariable String tripId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            @RequestBody(required = false) Call body) {
        Assistance.Called called =
                assistance.call(tripId, Trips.bearerToken(auth), body == null ? null : body.message());
        if (!called.created()) {
            return ResponseEntity.ok(called.request());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/trips/" + tripId + "/assistance"))
                .body(called.request());
    }

    /** The trip's latest request, for the app to follow its state; 404 when the trip never called. */
    @GetMapping
    Assistance.ShopperView latest(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return assistance.latest(tripId, Trips.bearerToken(auth));
    }
}
