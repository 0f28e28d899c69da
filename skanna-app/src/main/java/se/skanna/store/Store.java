package se.skanna.store;

import java.time.Instant;
import java.util.Objects;

/** A store of the chain as the public sees it. */
public record Store(
        String id, String name, String city, String region, StoreStatus status, String message, Instant updatedAt) {

    public Store {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
