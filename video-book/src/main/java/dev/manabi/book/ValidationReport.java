package dev.manabi.book;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What an import found wrong with a book: errors stop the import (HTTP 422 with this report), warnings do not.
 *
 * @param problems in the order they were found
 */
public record ValidationReport(List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public enum Severity {
        ERROR, WARNING;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One finding.
     *
     * @param severity error or warning
     * @param code     stable, lower-case, hyphenated (e.g. {@code zip-slip}, {@code vtt-timing})
     * @param message  for people
     * @param location a JSON path in {@code book.json} ({@code $.topics[0].video.file}), a file ({@code a.vtt:12}),
     *                 or a zip entry name
     */
    public record Problem(Severity severity, String code, String message, String location) {
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    /** Collects problems while checking; package-private because only the import creates reports. */
    static final class Builder {
        private final List<Problem> problems = new ArrayList<>();

        Builder error(String code, String location, String message) {
            problems.add(new Problem(Severity.ERROR, code, message, location));
            return this;
        }

        Builder warning(String code, String location, String message) {
            problems.add(new Problem(Severity.WARNING, code, message, location));
            return this;
        }

        boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
        }

        List<Problem> problems() {
            return Collections.unmodifiableList(problems);
        }

        ValidationReport build() {
            return new ValidationReport(problems);
        }
    }
}
