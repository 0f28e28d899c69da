package se.skanna.trip;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import se.skanna.shared.RateLimiter;
import se.skanna.shared.RateLimiter.Limit;

/**
 * What a shopper's phone may ask of a node, and how often: scans per trip and per client address (a person
 * scans a few items a second at most), trip starts and calls for staff per client address and per store (a
 * shopper starts one trip per visit and rarely calls). Beyond a limit the call is refused with 429 and
 * {@code Retry-After}; nothing changes. Client address is {@code request.getRemoteAddr()}.
 */
@Component
class TripLimits {

    private final RateLimiter limiter;
    private final Limit scansPerTrip;
    private final Limit scansPerClient;
    private final Limit startsPerClient;
    private final Limit startsPerStore;
    private final Limit callsPerClient;
    private final Limit callsPerStore;

    TripLimits(
            RateLimiter limiter,
            @Value("${skanna.trips.scans-per-second-per-trip:5}") double tripRate,
            @Value("${skanna.trips.scan-burst-per-trip:20}") double tripBurst,
            @Value("${skanna.trips.scans-per-second-per-client:50}") double clientRate,
            @Value("${skanna.trips.scan-burst-per-client:200}") double clientBurst,
            @Value("${skanna.trips.starts-per-minute-per-client:30}") double startsPerMinutePerClient,
            @Value("${skanna.trips.start-burst-per-client:60}") double startBurstPerClient,
            @Value("${skanna.trips.starts-per-minute-per-store:300}") double startsPerMinutePerStore,
            @Value("${skanna.trips.start-burst-per-store:600}") double startBurstPerStore,
            @Value("${skanna.assistance.calls-per-minute-per-client:6}") double callsPerMinutePerClient,
            @Value("${skanna.assistance.call-burst-per-client:12}") double callBurstPerClient,
            @Value("${skanna.assistance.calls-per-minute-per-store:20}") double callsPerMinutePerStore,
            @Value("${skanna.assistance.call-burst-per-store:40}") double callBurstPerStore) {
        this.limiter = limiter;
        this.scansPerTrip = new Limit(tripRate, tripBurst);
        this.scansPerClient = new Limit(clientRate, clientBurst);
        this.startsPerClient = Limit.perMinute(startsPerMinutePerClient, startBurstPerClient);
        this.startsPerStore = Limit.perMinute(startsPerMinutePerStore, startBurstPerStore);
        this.callsPerClient = Limit.perMinute(callsPerMinutePerClient, callBurstPerClient);
        this.callsPerStore = Limit.perMinute(callsPerMinutePerStore, callBurstPerStore);
    }

    /** Seconds to wait before the next scan is allowed, or 0 if this one may go ahead (and is counted). */
    long admitScan(String tripId, String clientAddress) {
        long tripWait = limiter.admit("scan:trip:" + tripId, scansPerTrip);
        if (tripWait > 0) {
            return tripWait;
        }
        return limiter.admit("scan:client:" + clientAddress, scansPerClient);
    }

    void requireStartFromClient(String clientAddress) {
        limiter.require(
                "start:client:" + clientAddress,
                startsPerClient,
                "Too many new trips from this device; wait a moment.");
    }

    /** Checked once the store is known to exist, so unknown ids never take up a bucket. */
    void requireStartInStore(String storeId) {
        limiter.require("start:store:" + storeId, startsPerStore, "Too many new trips in this store; wait a moment.");
    }

    void requireCallFromClient(String clientAddress) {
        limiter.require(
                "call:client:" + clientAddress,
                callsPerClient,
                "Too many calls for staff from this device; wait a moment.");
    }

    /** Counts only calls that open a new request: those are what staff have to read. */
    void requireCallInStore(String storeId) {
        limiter.require(
                "call:store:" + storeId, callsPerStore, "Too many calls for staff in this store; wait a moment.");
    }
}
