package dev.manabi.book;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks an uploaded zip into an empty directory, refusing anything that could write outside it or exhaust the disk.
 *
 * <p>Guards: names that are absolute, contain {@code ..} segments, backslashes or control characters (zip slip);
 * symbolic links (their target could point anywhere once followed); duplicate names, also differing only in case
 * (the second would silently replace the first on some file systems); more than {@link Limits#maxEntries()} entries;
 * and decompression bombs, measured on the bytes actually inflated rather than the sizes the archive declares: more
 * than {@link Limits#maxUnpackedBytes()} in total, or an entry inflating beyond {@link Limits#maxRatio()} times its
 * compressed size.
 */
final class SafeZip {

    /** Limits of one upload. */
    record Limits(int maxEntries, long maxUnpackedBytes, int maxRatio) {
    }

    /** Below this, ratios say nothing: a small text file of spaces legitimately compresses 1000:1. */
    private static final long RATIO_FLOOR = 1 << 20;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private SafeZip() {
    }

    /**
     * Unpacks {@code zipFile} into {@code target} (an existing, empty directory), reporting every refused entry.
     * Stops at the first bomb or limit problem; after any error the caller must discard {@code target}.
     */
    static void extract(Path zipFile, Path target, Limits limits, ValidationReport.Builder report) throws IOException {
        // IOExceptions of the upload itself become report problems; only failing to resolve the target escapes.
        Path root = target.toRealPath();
        try (ZipFile zip = ZipFile.builder().setPath(zipFile).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            if (entries.size() > limits.maxEntries()) {
                report.error("zip-too-many-entries", "(zip)", "The zip has " + entries.size()
                        + " entries; at most " + limits.maxEntries() + " are accepted");
                return;
            }
            Set<String> seen = new HashSet<>();
            long budget = limits.maxUnpackedBytes();
            for (ZipArchiveEntry entry : entries) {
                String name = entry.getName();
                String problem = nameProblem(name);
                if (problem != null) {
                    report.error(problem, name, switch (problem) {
                        case "zip-absolute-path" -> "Absolute paths are not allowed in the zip";
                        case "zip-slip" -> "Entry names must not climb out of the archive with \"..\"";
                        default -> "Entry names must be plain relative paths with forward slashes";
                    });
                    continue;
                }
                if (entry.isUnixSymlink()) {
                    report.error("zip-symlink", name, "Symbolic links are not allowed in the zip");
                    continue;
                }
                String normalized = stripTrailingSlash(name);
                if (!seen.add(normalized.toLowerCase(Locale.ROOT))) {
                    report.error("zip-duplicate-entry", name, "The zip contains this name more than once");
                    continue;
                }
                Path out = root.resolve(normalized).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    report.error("zip-slip", name, "Entry resolves outside the book directory");
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                if (entry.getSize() > budget) {
                    report.error("zip-too-large", name, "Unpacked, the zip would exceed "
                            + limits.maxUnpackedBytes() + " bytes");
                    return;
                }
                Files.createDirectories(out.getParent());
                if (!out.getParent().toRealPath().startsWith(root) || Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                    report.error("zip-slip", name, "Entry resolves outside the book directory or over another file");
                    continue;
                }
                long written;
                try (InputStream in = zip.getInputStream(entry); OutputStream os = Files.newOutputStream(out)) {
                    written = copyBounded(in, os, budget, limits.maxRatio(), Math.max(1, entry.getCompressedSize()));
                } catch (UnsupportedZipFeatureException e) {
                    report.error("zip-unsupported-entry", name, "Unsupported zip feature: " + e.getMessage());
                    continue;
                }
                if (written == -1) {
                    report.error("zip-too-large", name, "Unpacked, the zip would exceed "
                            + limits.maxUnpackedBytes() + " bytes");
                    return;
                }
                if (written == -2) {
                    report.error("zip-bomb", name, "This entry inflates more than " + limits.maxRatio()
                            + " times its compressed size");
                    return;
                }
                budget -= written;
            }
        } catch (IOException e) {
            report.error("zip-unreadable", "(zip)", "The upload is not a readable zip file: " + e.getMessage());
        }
    }

    /** Null if the name is a safe relative path; otherwise the problem code. */
    static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "zip-bad-name";
        }
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            return "zip-absolute-path";
        }
        if (name.indexOf('\\') >= 0 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "zip-bad-name";
        }
        for (String segment : stripTrailingSlash(name).split("/", -1)) {
            if (segment.equals("..")) {
                return "zip-slip";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "zip-bad-name";
            }
        }
        return null;
    }

    private static String stripTrailingSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Copies at most {@code budget} bytes; -1 when over budget, -2 when over the ratio, else the count. */
    private static long copyBounded(InputStream in, OutputStream out, long budget, int maxRatio, long compressed)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > budget) {
                return -1;
            }
            if (total > RATIO_FLOOR && total > compressed * maxRatio) {
                return -2;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }
}
