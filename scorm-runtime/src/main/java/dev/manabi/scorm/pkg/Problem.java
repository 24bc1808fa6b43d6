package dev.manabi.scorm.pkg;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One finding of the package validation, meant for the content author who built the package.
 *
 * @param severity {@link Severity#ERROR} rejects the package, {@link Severity#WARNING} is reported and accepted
 * @param code     stable, lower-case, hyphenated identifier (e.g. {@code unresolved-identifierref}) clients can
 *                 switch on
 * @param message  what is wrong and how to fix it, in plain English
 * @param location where: a manifest path such as
 *                 {@code /manifest/organizations/organization[@identifier='ORG']/item[2]}, or a path in the zip
 *                 such as {@code zip:content/../evil.js}; null when the problem concerns the whole upload
 */
public record Problem(Severity severity, String code, String message, String location) {

    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String message, String location) {
        return new Problem(Severity.ERROR, code, message, location);
    }

    public static Problem warning(String code, String message, String location) {
        return new Problem(Severity.WARNING, code, message, location);
    }

    @JsonIgnore
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
