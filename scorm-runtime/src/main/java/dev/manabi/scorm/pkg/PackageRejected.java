package dev.manabi.scorm.pkg;

import dev.manabi.api.Problem;
import dev.manabi.core.SafeZip;
import java.util.List;

/**
 * An upload that cannot become a package: the HTTP status to answer (400 for a malformed or hostile zip, 413 for
 * one over a size limit, 422 for a manifest with errors) and the problems found. {@link PackagesResource#reject}
 * turns it into the HTTP answer.
 */
public final class PackageRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<Problem> problems;

    public PackageRejected(int status, List<Problem> problems) {
        super(problems.isEmpty() ? "Package rejected" : problems.get(0).message());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    /** A zip the platform's guards refused, with its status (400/413) and problems. */
    static PackageRejected of(SafeZip.Rejected zip) {
        return new PackageRejected(zip.status(), zip.problems());
    }

    static PackageRejected of(int status, String code, String message, String location) {
        return new PackageRejected(status, List.of(Problem.error(code, message, location)));
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }
}
