package se.skanna.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.skanna.shared.ErrorCode;
import se.skanna.shared.ProblemException;
import se.skanna.staff.AccessPolicy;
import se.skanna.staff.ActionLog;
import se.skanna.staff.StaffPrincipal;
import se.skanna.store.IncidentRepository.IncidentRow;
import se.skanna.store.IncidentRepository.Previous;
import se.skanna.store.StoreNetwork.LocalStoresChanged;
import se.skanna.store.StoreRepository.StoreRow;

/**
 * Crisis mode: HQ switches many stores to one status in one transaction, and later hands each store
 * back the status it had before.
 */
@Service
public class Incidents {

    static final int MAX_STORES = 5000;
    static final int MAX_TITLE_LENGTH = 200;

    private final IncidentRepository incidents;
    private final StoreRepository stores;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;
    private final ActionLog log;
    private final Clock clock;

    Incidents(
            IncidentRepository incidents,
            StoreRepository stores,
            AccessPolicy access,
            ApplicationEventPublisher events,
            ActionLog log,
            Clock clock) {
        this.incidents = incidents;
        this.stores = stores;
        this.access = access;
        this.events = events;
        this.log = log;
        this.clock = clock;
    }

    /** What HQ asks for: stores by id or a whole region, never both. */
    public record Declaration(
            String title, String status, String message, List<String> storeIds, String region, String messageEn) {

        /** A declaration with a Swedish message only. */
        public Declaration(String title, String status, String message, List<String> storeIds, String region) {
            this(title, status, message, storeIds, region, null);
        }
    }

    @Transactional
    public Incident declare(Declaration declaration) {
        StaffPrincipal caller = access.requireHq();
        String title = declaration.title() == null ? "" : declaration.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
            throw ProblemException.invalidField(
                    "title", "A title of 1–" + MAX_TITLE_LENGTH + " characters is required.");
        }
        StoreStatus status = StoreStatus.parse(declaration.status());
        Store.Messages message = StoreNetwork.checkMessages(declaration.message(), declaration.messageEn());
        List<StoreRow> targets = lockTargets(declaration);

        Instant now = clock.instant();
        String id = "inc-" + UUID.randomUUID();
        incidents.insert(new IncidentRow(
                id, title, status, message, Incident.State.ACTIVE, now, caller.getUsername(), null, null));
        for (StoreRow target : targets) {
            Store store = target.store();
            incidents.insertPrevious(
                    id, new Previous(store.id(), store.status(), store.messages(), target.governingIncidentId()));
            stores.updateStatus(store.id(), status, message, id, now);
            stores.recordChange(store.id(), status, message, id, caller.getUsername(), now);
        }
        boolean bySelection =
                declaration.storeIds() != null && !declaration.storeIds().isEmpty();
        log.record(
                caller,
                "INCIDENT_DECLARED",
                null,
                id,
                title + " — " + status + " in "
                        + (bySelection
                                ? "selected stores "
                                        + String.join(
                                                ", ",
                                                targets.stream()
                                                        .map(row -> row.store().id())
                                                        .toList())
                                : declaration.region())
                        + " (" + targets.size() + " stores)");
        events.publishEvent(new LocalStoresChanged());
        return get(id);
    }

    /**
     * Gives each store back what it had before the incident. A store someone changed by hand since is left
     * as it is; a store that a later, still active incident took over passes its earlier state on to that
     * incident, so resolving that one restores the state from before both.
     */
    @Transactional
    public Incident resolve(String incidentId) {
        StaffPrincipal caller = access.requireHq();
        IncidentRow incident = incidents.lock(incidentId).orElseThrow(() -> notFound(incidentId));
        if (incident.state() == Incident.State.RESOLVED) {
            throw new ProblemException(
                    ErrorCode.INCIDENT_ALREADY_RESOLVED, "Incident " + incidentId + " is already resolved.");
        }
        Instant now = clock.instant();
        List<Previous> previousStates = incidents.previousStates(incidentId);
        Map<String, StoreRow> locked = new java.util.HashMap<>();
        stores.lockAll(previousStates.stream().map(Previous::storeId).toList())
                .forEach(row -> locked.put(row.store().id(), row));
        for (Previous previous : previousStates) {
            StoreRow row = locked.get(previous.storeId());
            if (row != null && incidentId.equals(row.governingIncidentId())) {
                stores.updateStatus(
                        previous.storeId(), previous.status(), previous.messages(), previous.incidentId(), now);
                stores.recordChange(
                        previous.storeId(),
                        previous.status(),
                        previous.messages(),
                        incidentId,
                        caller.getUsername(),
                        now);
                incidents.markRestored(incidentId, previous.storeId());
            } else {
                incidents.handOver(incidentId, previous);
            }
        }
        incidents.markResolved(incidentId, now, caller.getUsername());
        Incident resolved = get(incidentId);
        log.record(
                caller,
                "INCIDENT_RESOLVED",
                null,
                incidentId,
                resolved.title() + " — restored " + resolved.restoredStoreIds().size() + " of "
                        + resolved.storeIds().size() + " stores");
        events.publishEvent(new LocalStoresChanged());
        return resolved;
    }

    @Transactional(readOnly = true)
    public Incident get(String incidentId) {
        access.requireHq();
        return toIncident(incidents.find(incidentId).orElseThrow(() -> notFound(incidentId)));
    }

    @Transactional(readOnly = true)
    public List<Incident> recent(int limit) {
        access.requireHq();
        return incidents.findRecent(Math.clamp(limit, 1, 200)).stream()
                .map(this::toIncident)
                .toList();
    }

    private List<StoreRow> lockTargets(Declaration declaration) {
        boolean byIds = declaration.storeIds() != null;
        boolean byRegion = declaration.region() != null && !declaration.region().isBlank();
        if (byIds == byRegion) {
            throw ProblemException.invalidField(
                    "storeIds", "Give either storeIds or region, not both and not neither.");
        }
        if (byRegion) {
            List<StoreRow> rows = stores.lockRegion(declaration.region().strip());
            if (rows.isEmpty()) {
                throw new ProblemException(
                        ErrorCode.UNKNOWN_REGION, "There are no stores in region " + declaration.region() + ".");
            }
            return rows;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String storeId : declaration.storeIds()) {
            if (storeId == null || storeId.isBlank()) {
                throw ProblemException.invalidField("storeIds", "Store ids must not be empty.");
            }
            ids.add(storeId);
        }
        if (ids.isEmpty() || ids.size() > MAX_STORES) {
            throw ProblemException.invalidField("storeIds", "Give between 1 and " + MAX_STORES + " store ids.");
        }
        List<StoreRow> rows = stores.lockAll(ids);
        if (rows.size() != ids.size()) {
            List<String> unknown = new ArrayList<>(ids);
            rows.forEach(row -> unknown.remove(row.store().id()));
            throw new ProblemException(
                    ErrorCode.UNKNOWN_STORES,
                    "Some stores do not exist; nothing was changed.",
                    Map.of("unknownStoreIds", unknown));
        }
        return rows;
    }

    private Incident toIncident(IncidentRow row) {
        return new Incident(
                row.id(),
                row.title(),
                row.status(),
                row.messages().sv() != null
                        ? row.messages().sv()
                        : row.messages().en(),
                row.state(),
                incidents.storeIds(row.id()),
                row.declaredAt(),
                row.declaredBy(),
                row.resolvedAt(),
                row.resolvedBy(),
                incidents.restoredStoreIds(row.id()),
                row.messages());
    }

    private static ProblemException notFound(String incidentId) {
        return new ProblemException(ErrorCode.INCIDENT_NOT_FOUND, "There is no incident " + incidentId + ".");
    }
}
