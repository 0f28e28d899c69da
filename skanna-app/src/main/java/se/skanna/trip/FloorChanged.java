package se.skanna.trip;

/**
 * Something store staff act on changed in a store: a call for staff came, was taken or ended, or a cart got an
 * age-restricted item or its approval. Published in the transaction that made the change; listeners that tell
 * staff pages should act after commit. {@code storeId} null: any store (e.g. calls expired by the sweep).
 */
public record FloorChanged(String storeId) {

    public boolean concerns(String store) {
        return storeId == null || storeId.equals(store);
    }
}
