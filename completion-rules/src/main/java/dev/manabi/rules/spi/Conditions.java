package dev.manabi.rules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.core.spi.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Helpers for {@link ConditionKind} implementations, so every kind reads facts and thresholds the same way. */
public final class Conditions {

    /**
     * Scores are sums of fractional points (partial credit); a threshold counts as reached within this much, so
     * 0.1 + 0.2 reaches 0.3.
     */
    public static final double EPSILON = 1e-9;

    private Conditions() {
    }

    /** The learner's fact of {@code kind} and {@code ref} among {@code facts} (the ledger keeps one, the latest). */
    public static Optional<ProgressFact> find(List<ProgressFact> facts, String kind, String ref) {
        return facts.stream().filter(f -> f.kind().equals(kind) && f.ref().equals(ref)).findFirst();
    }

    /** Whether {@code value} reaches {@code threshold} ({@link #EPSILON} tolerant); a missing value never does. */
    public static boolean reaches(Double value, double threshold) {
        return value != null && value >= threshold - EPSILON;
    }

    /** Reports every member of {@code condition} not in {@code known} (catching authors' typos). */
    public static void unknownMembers(ObjectNode condition, Set<String> known, Problems problems) {
        for (Map.Entry<String, JsonNode> e : condition.properties()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getKey(), "unknown member; expected one of " + known.stream().sorted().toList());
            }
        }
    }
}
