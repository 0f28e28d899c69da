package se.skanna.staff;

/** What a staff account may do. HQ may do everything a store's staff and manager may, in every store. */
public enum Role {
    STAFF,
    MANAGER,
    HQ;

    /** Whether this role carries at least the rights of {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }
}
