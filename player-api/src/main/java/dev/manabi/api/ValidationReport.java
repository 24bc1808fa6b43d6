package dev.manabi.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every problem found in one upload, in the order found; any {@link Problem.Severity#ERROR error} rejects it.
 * Serialized as {@code {"problems":[...]}}, which is also the {@code details} of an import's error answer.
 *
 * @param problems in the order they were found
 */
public record ValidationReport(List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(ValidationReport::blocks);
    }

    public List<Problem> errors() {
        return problems.stream().filter(ValidationReport::blocks).toList();
    }

    private static boolean blocks(Problem p) {
        return p.severity() == Problem.Severity.ERROR;
    }

    /** Collects problems while checking an upload; not thread-safe. */
    public static final class Builder {

        private final List<Problem> problems = new ArrayList<>();

        public Builder add(Problem problem) {
            problems.add(problem);
            return this;
        }

        public Builder addAll(List<Problem> more) {
            problems.addAll(more);
            return this;
        }

        public Builder error(String code, String message, String location) {
            return add(Problem.error(code, message, location));
        }

        public Builder warning(String code, String message, String location) {
            return add(Problem.warning(code, message, location));
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(ValidationReport::blocks);
        }

        /** What was collected so far, read-only. */
        public List<Problem> problems() {
            return Collections.unmodifiableList(problems);
        }

        public ValidationReport build() {
            return new ValidationReport(problems);
        }
    }
}
