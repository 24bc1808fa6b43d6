package dev.manabi.api;

/**
 * One finding of an import validation (a SCORM package, a book, an uploaded zip), meant for the content author who
 * built the upload. Serialized as {@code {"severity":"ERROR"|"WARNING","code","message","location"}}.
 *
 * @param severity {@link Severity#ERROR} rejects the upload, {@link Severity#WARNING} is reported and accepted
 * @param code     stable, lower-case, hyphenated identifier (e.g. {@code zip-slip}) clients can switch on
 * @param message  what is wrong and how to fix it, in plain English
 * @param location where, in the module's own notation: a manifest path such as
 *                 {@code /manifest/organizations/organization[@identifier='ORG']/item[2]}, a JSON path such as
 *                 {@code $.topics[0].video.file}, a file and line such as {@code a.vtt:12}, or a zip entry such as
 *                 {@code zip:content/../evil.js}; null when the problem concerns the whole upload
 */
public record Problem(Severity severity, String code, String message, String location) {

    /** Serialized by name: {@code "ERROR"}, {@code "WARNING"}. */
    public enum Severity { ERROR, WARNING }

    public static Problem error(String code, String message, String location) {
        return new Problem(Severity.ERROR, code, message, location);
    }

    public static Problem warning(String code, String message, String location) {
        return new Problem(Severity.WARNING, code, message, location);
    }
}
