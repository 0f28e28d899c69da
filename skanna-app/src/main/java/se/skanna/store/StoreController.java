package se.skanna.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The store network over HTTP: public reads, status changes for HQ and the store's managers. */
@RestController
@RequestMapping("/api/v1")
class StoreController {

    private static final CacheControl REVALIDATE =
            CacheControl.maxAge(0, TimeUnit.SECONDS).cachePublic();

    private final StoreNetwork network;

    StoreController(StoreNetwork network) {
        this.network = network;
    }

    record StoreList(List<Store> stores) {}

    /** {@code message} alone is the Swedish text; {@code messages.sv} wins over it when both are given. */
    record StatusChange(String status, String message, Store.Messages messages) {
        String swedish() {
            return messages != null && messages.sv() != null ? messages.sv() : message;
        }

        String english() {
            return messages == null ? null : messages.en();
        }
    }

    /** The chain's stores to create or update: 1 to {@value StoreImport#MAX_STORES} entries. */
    record StoreImportBody(
            @NotNull(message = StoreImport.COUNT_RULE)
            @Size(min = 1, max = StoreImport.MAX_STORES, message = StoreImport.COUNT_RULE)
            List<StoreImport.Entry> stores) {}

    @GetMapping("/stores")
    ResponseEntity<StoreList> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String q,
            WebRequest request,
            jakarta.servlet.http.HttpServletResponse response) {
        StoreStatus wanted = status == null || status.isBlank() ? null : StoreStatus.parse(status);
        // weak: the body is the same data whether or not it is gzipped, and Tomcat compresses only then
        String etag = "W/\"stores-" + network.revision() + "\"";
        response.setHeader("Cache-Control", REVALIDATE.getHeaderValue());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .cacheControl(REVALIDATE)
                .eTag(etag)
                .body(new StoreList(network.list(wanted, region, q)));
    }

    @GetMapping("/stores/{storeId}")
    ResponseEntity<Store> get(@PathVariable String storeId) {
        return ResponseEntity.ok().cacheControl(REVALIDATE).body(network.get(storeId));
    }

    /** How many stores of each status a search finds (the status page's counts follow its search). */
    record StoreCounts(Map<StoreStatus, Long> counts, int total, long revision) {}

    @GetMapping("/store-counts")
    ResponseEntity<StoreCounts> counts(
            @RequestParam(required = false) String region, @RequestParam(required = false) String q) {
        long revision = network.revision();
        List<Store> found = network.list(null, region, q);
        return ResponseEntity.ok()
                .cacheControl(REVALIDATE)
                .body(new StoreCounts(network.countByStatus(found), found.size(), revision));
    }

    /** The chain's regions, by name. */
    record Regions(List<String> regions) {}

    @GetMapping("/regions")
    Regions regions() {
        return new Regions(network.regions());
    }

    @PutMapping("/stores/{storeId}/status")
    Store changeStatus(@PathVariable String storeId, @RequestBody StatusChange change) {
        return network.changeStatus(storeId, change.status(), change.swedish(), change.english());
    }

    /** HQ registers new stores and updates known ones' address, position and opening hours; all or nothing. */
    @PostMapping("/stores")
    StoreNetwork.ImportResult importStores(@Valid @RequestBody StoreImportBody body) {
        return network.importStores(body == null ? null : body.stores());
    }
}
