package se.skanna.staff;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Failed sign-ins in this node's memory. Bounded: a flood of made-up names or addresses cannot grow it past
 * {@code maxKeys}; when full, expired keys go first, then arbitrary unblocked ones.
 */
final class InMemorySignInAttemptStore implements SignInAttemptStore {

    private record Entry(Failures failures, Instant keepUntil) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxKeys;

    InMemorySignInAttemptStore(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public Failures get(String key, Instant now) {
        Entry entry = entries.get(key);
        return entry == null || !now.isBefore(entry.keepUntil()) ? Failures.NONE : entry.failures();
    }

    @Override
    public Failures update(String key, Instant now, Instant keepUntil, UnaryOperator<Failures> change) {
        if (entries.size() >= maxKeys && !entries.containsKey(key)) {
            makeRoom(now);
        }
        return entries.compute(key, (k, old) -> {
                    Failures before = old == null || !now.isBefore(old.keepUntil()) ? Failures.NONE : old.failures();
                    return new Entry(change.apply(before), keepUntil);
                })
                .failures();
    }

    @Override
    public void clear(String key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.keepUntil()));
        int target = maxKeys - Math.max(1, maxKeys / 10);
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && entries.size() > target; ) {
            if (!it.next().failures().blockedAt(now)) {
                it.remove();
            }
        }
    }
}
