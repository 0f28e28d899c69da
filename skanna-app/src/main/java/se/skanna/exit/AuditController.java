package se.skanna.exit;

import static se.skanna.shared.Times.SWEDEN;

import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.shared.ScannedCode;

/** Staff audit a basket at the exit; managers see the store's audits. */
@RestController
class AuditController {

    private final Audits audits;
    private final java.time.Clock clock;

    AuditController(Audits audits, java.time.Clock clock) {
        this.audits = audits;
        this.clock = clock;
    }

    record Found(@ScannedCode String code) {}

    @PostMapping("/api/v1/audits/{tripId}/scans")
    Audits.Scanned scan(@PathVariable String tripId, @RequestBody Found found) {
        return audits.scan(tripId, found.code());
    }

    /** The audit so far: mode, state and every item scanned, by name. */
    @GetMapping("/api/v1/audits/{tripId}")
    Audits.Progress progress(@PathVariable String tripId) {
        return audits.progress(tripId);
    }

    /** Takes back an item scanned by mistake while the audit is open; logged as AUDIT_ITEM_REMOVED. */
    @DeleteMapping("/api/v1/audits/{tripId}/scans/{seq}")
    Audits.Scan removeScan(@PathVariable String tripId, @PathVariable int seq) {
        return audits.removeScan(tripId, seq);
    }

    @PostMapping("/api/v1/audits/{tripId}/complete")
    Audits.Result complete(@PathVariable String tripId) {
        return audits.complete(tripId);
    }

    /** A store's audits of one day, in the order they were started. */
    record StoreAudits(List<Audits.Summary> audits) {}

    /** A store's audits of one day (Swedish time; today when no date is given). */
    @GetMapping("/api/v1/stores/{storeId}/audits")
    StoreAudits forStore(@PathVariable String storeId, @RequestParam(required = false) LocalDate date) {
        LocalDate day = date == null ? LocalDate.now(clock.withZone(SWEDEN)) : date;
        return new StoreAudits(audits.forStore(
                storeId,
                day.atStartOfDay(SWEDEN).toInstant(),
                day.plusDays(1).atStartOfDay(SWEDEN).toInstant()));
    }
}
