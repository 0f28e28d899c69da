package se.skanna.store;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.skanna.store.Incidents.Declaration;

/** HQ declares and resolves incidents. */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

    private final Incidents incidents;

    IncidentController(Incidents incidents) {
        this.incidents = incidents;
    }

    /** The declaration as sent: {@code message} alone is Swedish; {@code messages} may carry sv and en. */
    record DeclarationBody(
            String title,
            String status,
            String message,
            Store.Messages messages,
            List<String> storeIds,
            String region) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Incident declare(@RequestBody DeclarationBody body) {
        String swedish = body.messages() != null && body.messages().sv() != null
                ? body.messages().sv()
                : body.message();
        String english = body.messages() == null ? null : body.messages().en();
        return incidents.declare(
                new Declaration(body.title(), body.status(), swedish, body.storeIds(), body.region(), english));
    }

    /** Incidents, the newest first. */
    record IncidentList(List<Incident> incidents) {}

    @GetMapping
    IncidentList recent(@RequestParam(defaultValue = "50") int limit) {
        return new IncidentList(incidents.recent(limit));
    }

    @GetMapping("/{incidentId}")
    Incident get(@PathVariable String incidentId) {
        return incidents.get(incidentId);
    }

    @PostMapping("/{incidentId}/resolve")
    Incident resolve(@PathVariable String incidentId) {
        return incidents.resolve(incidentId);
    }
}
