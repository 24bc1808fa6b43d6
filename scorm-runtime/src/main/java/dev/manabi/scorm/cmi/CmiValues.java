package dev.manabi.scorm.cmi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The current values of one SCO's data model instance: concrete element name ({@code cmi.interactions.0.id}) to
 * value. Only {@link DataModel#setValue} and the runtime (for LMS-supplied values) change it. Keys containing
 * {@code #} are LMS bookkeeping (per-instance access rights) no SCO can address.
 */
public final class CmiValues {

    private final LinkedHashMap<String, String> values;

    public CmiValues() {
        this.values = new LinkedHashMap<>();
    }

    public CmiValues(Map<String, String> initial) {
        this.values = new LinkedHashMap<>(initial == null ? Map.of() : initial);
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
            values.remove(element);
        } else {
            values.put(element, value);
        }
        return this;
    }

    public CmiValues remove(String element) {
        values.remove(element);
        return this;
    }

    /**
     * Number of records of the collection at {@code prefix} (e.g. {@code cmi.interactions.0.objectives}): records are
     * created in order, so this is the lowest index without any value.
     */
    public int count(String prefix) {
        String start = prefix + ".";
        TreeSet<Integer> indices = new TreeSet<>();
        for (String key : values.keySet()) {
            if (key.startsWith(start)) {
                String rest = key.substring(start.length());
                int dot = rest.indexOf('.');
                String index = dot < 0 ? rest : rest.substring(0, dot);
                if (!index.isEmpty() && index.chars().allMatch(Character::isDigit) && index.length() < 10) {
                    indices.add(Integer.parseInt(index));
                }
            }
        }
        int n = 0;
        while (indices.contains(n)) {
            n++;
        }
        return n;
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
}
