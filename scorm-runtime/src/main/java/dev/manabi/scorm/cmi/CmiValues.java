package dev.manabi.scorm.cmi;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The current values of one SCO's data model instance: concrete element name ({@code cmi.interactions.0.id}) to
 * value. Only {@link DataModel#setValue} and the runtime (for LMS-supplied values) change it. Keys containing
 * {@code #} are LMS bookkeeping (per-instance access rights) no SCO can address.
 *
 * <p>Every SetValue asks how many records a collection has and, for key fields, whether another record already
 * holds a value; both are answered from indexes kept up to date on each change, so replaying a commit costs time
 * linear in its sets (scanning every key per set made 8,000 interaction ids take seconds).
 */
public final class CmiValues {

    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();

    /** Collection prefix ({@code cmi.interactions.0.objectives}) to its records. */
    private final Map<String, Records> collections = new HashMap<>();

    /** The records of one collection: which indices hold keys, and per-field value indexes built when first asked. */
    private static final class Records {
        /** Index to the number of keys under it. */
        final Map<Integer, Integer> keys = new HashMap<>();
        /** Lowest index without any key. */
        int count;
        /** Field to value to the indices holding it, for the fields {@link #recordsWith} was asked about. */
        final Map<String, Map<String, Set<Integer>>> byField = new HashMap<>();

        void added(int index) {
            keys.merge(index, 1, Integer::sum);
            while (keys.containsKey(count)) {
                count++;
            }
        }

        void removed(int index) {
            if (keys.merge(index, -1, Integer::sum) == 0) {
                keys.remove(index);
                count = Math.min(count, index);
            }
        }
    }

    public CmiValues() {
    }

    public CmiValues(Map<String, String> initial) {
        if (initial != null) {
            initial.forEach(this::put);
        }
    }

    public String get(String element) {
        return values.get(element);
    }

    public boolean has(String element) {
        return values.containsKey(element);
    }

    /** Sets a value without validation: for LMS-supplied values (learner id, credit, entry...). */
    public CmiValues put(String element, String value) {
        if (value == null) {
            return remove(element);
        }
        String old = values.put(element, value);
        if (old == null) {
            forEachRecord(element, (records, index, field) -> records.added(index));
        }
        reindex(element, old, value);
        return this;
    }

    public CmiValues remove(String element) {
        String old = values.remove(element);
        if (old != null) {
            forEachRecord(element, (records, index, field) -> records.removed(index));
            reindex(element, old, null);
        }
        return this;
    }

    /**
     * Number of records of the collection at {@code prefix} (e.g. {@code cmi.interactions.0.objectives}): records are
     * created in order, so this is the lowest index without any value.
     */
    public int count(String prefix) {
        Records r = collections.get(prefix);
        return r == null ? 0 : r.count;
    }

    /**
     * The indices of the records of the collection at {@code prefix} whose {@code field} (e.g. {@code id}) is
     * {@code value}: what a uniqueness rule needs without reading every record.
     */
    public Set<Integer> recordsWith(String prefix, String field, String value) {
        Records r = collections.get(prefix);
        if (r == null) {
            return Set.of();
        }
        Map<String, Set<Integer>> index = r.byField.get(field);
        if (index == null) {
            index = new HashMap<>();
            for (int i : r.keys.keySet()) {
                String v = values.get(prefix + "." + i + "." + field);
                if (v != null) {
                    index.computeIfAbsent(v, k -> new HashSet<>()).add(i);
                }
            }
            r.byField.put(field, index);
        }
        return Collections.unmodifiableSet(index.getOrDefault(value, Set.of()));
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public CmiValues copy() {
        return new CmiValues(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }

    // ---- indexes ------------------------------------------------------------------------------------------------

    private interface RecordVisitor {
        void visit(Records records, int index, String field);
    }

    /**
     * Calls {@code visitor} for every collection record {@code element} belongs to: each segment that is an index
     * (up to 9 digits) opens a record of the collection named by the segments before it; {@code field} is the rest
     * after the index.
     */
    private void forEachRecord(String element, RecordVisitor visitor) {
        int start = 0;
        while (start < element.length()) {
            int end = element.indexOf('.', start);
            if (end < 0) {
                end = element.length();
            }
            if (start > 0 && isIndex(element, start, end)) {
                String prefix = element.substring(0, start - 1);
                String field = end < element.length() ? element.substring(end + 1) : "";
                visitor.visit(collections.computeIfAbsent(prefix, p -> new Records()),
                        Integer.parseInt(element, start, end, 10), field);
            }
            start = end + 1;
        }
    }

    private static boolean isIndex(String s, int start, int end) {
        if (end - start < 1 || end - start > 9) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Keeps the value indexes already built in step with {@code element} changing from {@code old} to {@code now}. */
    private void reindex(String element, String old, String now) {
        forEachRecord(element, (records, index, field) -> {
            Map<String, Set<Integer>> byValue = records.byField.get(field);
            if (byValue == null) {
                return;
            }
            if (old != null) {
                Set<Integer> holders = byValue.get(old);
                if (holders != null) {
                    holders.remove(index);
                    if (holders.isEmpty()) {
                        byValue.remove(old);
                    }
                }
            }
            if (now != null) {
                byValue.computeIfAbsent(now, k -> new HashSet<>()).add(index);
            }
        });
    }
}
