package dev.manabi.rules.extension;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.api.ProgressFact;
import dev.manabi.rules.spi.ConditionKind;
import java.util.List;

/** A condition kind from outside the SDK: at least {@code count} parts of {@code kind} completed. */
public final class AtLeastCompleted implements ConditionKind {

    @Override
    public String id() {
        return "at-least-completed";
    }

    @Override
    public void validate(ObjectNode condition, Problems problems) {
        problems.requireString(condition, "kind");
        problems.requireNumber(condition, "count").filter(n -> n < 1)
                .ifPresent(n -> problems.add("count", "must be at least 1"));
    }

    @Override
    public boolean holds(ObjectNode condition, List<ProgressFact> facts) {
        long done = facts.stream().filter(f -> f.kind().equals(condition.get("kind").asText()) && f.completed())
                .count();
        return done >= condition.get("count").asInt();
    }
}
