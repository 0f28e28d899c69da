package se.skanna.trip;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper calls for staff, with the trip's bearer token like every trip call. {@code 201 Created} when the
 * call opened a request; {@code 200 OK} with that same request when one was already open (nothing changes).
 * Staff of the store list the calls waiting for them, newest first.
 */
@RestController
class AssistanceController {

    private final Assistance assistance;
    private final TripLimits limits;

    AssistanceController(Assistance assistance, TripLimits limits) {
        this.assistance = assistance;
        this.limits = limits;
    }

    record Call(String message) {}

    /** The store's waiting calls: the newest {@code limit} of them, and how many wait in all. */
    record Waiting(List<Assistance.Request> requests, long total, int limit) {}

    @PostMapping("/api/v1/trips/{tripId}/assistance")
    ResponseEntity<Assistance.ShopperView> call(
            @PathVariable String tripId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            @RequestBody(required = false) Call body,
            HttpServletRequest request) {
        limits.requireCallFromClient(request.getRemoteAddr());
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
    @GetMapping("/api/v1/trips/{tripId}/assistance")
    Assistance.ShopperView latest(
            @PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return assistance.latest(tripId, Trips.bearerToken(auth));
    }

    @GetMapping("/api/v1/stores/{storeId}/assistance")
    Waiting waiting(@PathVariable String storeId) {
        Assistance.Open open = assistance.openInStore(storeId);
        return new Waiting(open.requests(), open.total(), Assistance.OPEN_LIMIT);
    }
}
