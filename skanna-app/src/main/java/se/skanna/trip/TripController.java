package se.skanna.trip;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.shared.ScannedCode;
import se.skanna.store.StoreNetwork;

/** The shopper's trip over HTTP; every call but the first carries the trip's bearer token. */
@RestController
@RequestMapping("/api/v1/trips")
class TripController {

    private final Trips trips;
    private final TripLimits limits;
    private final StoreNetwork stores;

    TripController(Trips trips, TripLimits limits, StoreNetwork stores) {
        this.trips = trips;
        this.limits = limits;
        this.stores = stores;
    }

    /** {@code memberId}: an id the chain imported; {@code memberToken}: a loyalty token (docs/pricing.md). */
    record NewTrip(String storeId, String memberId, String memberToken) {}

    /** {@code entry}: how the code was entered, CAMERA (the default) or MANUAL (typed in). */
    record Scan(String scanId, @ScannedCode String code, Integer quantity, Trips.Entry entry) {}

    record QuantityChange(Integer quantity) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Trips.Started start(@RequestBody NewTrip body, HttpServletRequest request) {
        if (body.storeId() == null) {
            throw ProblemException.invalidField("storeId", "Give the store's id.");
        }
        limits.requireStartFromClient(request.getRemoteAddr());
        stores.get(body.storeId());
        limits.requireStartInStore(body.storeId());
        return trips.start(body.storeId(), body.memberId(), body.memberToken());
    }

    @GetMapping("/{tripId}")
    Trips.View get(@PathVariable String tripId, @RequestHeader(name = "Authorization", required = false) String auth) {
        return trips.view(tripId, Trips.bearerToken(auth));
    }

    @PostMapping("/{tripId}/scans")
    Trips.Scanned scan(
            @PathVariable String tripId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            @RequestBody Scan body,
            HttpServletRequest request) {
        long wait = limits.admitScan(tripId, request.getRemoteAddr());
        if (wait > 0) {
            throw new ProblemException(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "Scanning faster than a person can; wait " + wait + " s.",
                    java.util.Map.of("retryAfter", wait));
        }
        return trips.scan(tripId, Trips.bearerToken(auth), body.scanId(), body.code(), body.quantity(), body.entry());
    }

    @PatchMapping("/{tripId}/lines/{lineId}")
    Cart change(
            @PathVariable String tripId,
            @PathVariable String lineId,
            @RequestHeader(name = "Authorization", required = false) String auth,
            @RequestBody QuantityChange body) {
        return trips.changeQuantity(tripId, Trips.bearerToken(auth), lineId, body.quantity());
    }

    @DeleteMapping("/{tripId}/lines/{lineId}")
    Cart remove(
            @PathVariable String tripId,
            @PathVariable String lineId,
            @RequestHeader(name = "Authorization", required = false) String auth) {
        return trips.removeLine(tripId, Trips.bearerToken(auth), lineId);
    }
}
