package dev.manabi.core;

import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.api.ValidationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Unpacks an uploaded zip into a directory, refusing anything that could escape it or exhaust the server: entry
 * names with {@code ..} segments (zip slip), absolute names, symbolic links, encrypted entries, names marked UTF-8
 * that are not, duplicate names (also after Unicode NFC normalization and case folding, which would collide on
 * case-insensitive file systems), local headers that contradict the central directory, entries sharing bytes, too
 * many entries, more uncompressed bytes than allowed, and compression ratios only a zip bomb has. Sizes and ratios
 * are enforced on the bytes that actually come out and the compressed bytes actually read, not on what the zip
 * headers claim, and every entry's CRC-32 is checked.
 *
 * <p>Entry names use {@code /} (APPNOTE 4.4.17.1); a {@code \} is read as a separator too, since some Windows tools
 * write it, and then checked like any other separator. Empty and {@code .} segments are dropped, so
 * {@code ./a//b} and {@code a/b} are the same file (and a duplicate if both occur).
 *
 * <p>Only the JDK is used: {@link ZipCentralDirectory} reads the central directory and local headers, entries are
 * inflated with {@link Inflater} from their own byte range.
 */
public final class SafeZip {

    /**
     * Limits of one extraction; each module maps its own configuration keys to these.
     *
     * @param maxUncompressedBytes all files together, as actually inflated
     * @param maxEntries           entries in the zip, directories included
     * @param maxCompressionRatio  uncompressed / compressed size of one entry or of the whole zip, checked once more
     *                             than {@code ratioThresholdBytes} came out
     * @param ratioThresholdBytes  smaller outputs are never a bomb: a small text file of spaces legitimately
     *                             compresses 1000:1
     */
    public record Limits(long maxUncompressedBytes, int maxEntries, double maxCompressionRatio,
                         long ratioThresholdBytes) {
    }

    /**
     * What was unpacked.
     *
     * @param files      relative paths with {@code /}, sorted
     * @param totalBytes their total size
     */
    public record Extracted(Set<String> files, long totalBytes, List<Problem> warnings) {
        public Extracted {
            files = Collections.unmodifiableSet(new TreeSet<>(files));
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Code pages tried, in order, for entry names without the UTF-8 flag whose bytes are not UTF-8. APPNOTE
     * appendix D says IBM 437, but archivers on Windows write the system's ANSI code page, and packages exported on
     * Japanese, Chinese and Korean Windows are common for this player's institutions. The same bytes are often valid
     * in several of them (Korean syllables read as Japanese half-width katakana), so the uploader's language decides
     * which is tried first: see {@link #legacyNameCharsets(Locale)}.
     */
    static final List<Charset> LEGACY_NAME_CHARSETS = List.of(Charset.forName("windows-31j"),
            Charset.forName("GB18030"), Charset.forName("x-windows-949"));

    /** The legacy code pages in the order to try for an upload by someone working in {@code language}. */
    public static List<Charset> legacyNameCharsets(Locale language) {
        String lang = language == null ? "" : language.getLanguage();
        int first = switch (lang) {
            case "zh" -> 1;
            case "ko" -> 2;
            default -> 0;
        };
        List<Charset> order = new ArrayList<>(LEGACY_NAME_CHARSETS);
        order.add(0, order.remove(first));
        return List.copyOf(order);
    }

    /**
     * A zip refused: status 400 for a malformed or hostile zip, 413 when over a size or count limit (a zip bomb
     * included: its ratio is over the limit); the code and
     * message are the first problem's, the details a {@link ValidationReport} ({@code {"problems":[...]}}) with every
     * problem found, located as {@code zip:<entry name>}.
     */
    public static final class Rejected extends PlayerException {

        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        Rejected(int status, List<Problem> problems) {
            super(status, problems.get(0).code(), problems.get(0).message(), new ValidationReport(problems));
            this.problems = List.copyOf(problems);
        }

        static Rejected of(int status, String code, String message, String location) {
            return new Rejected(status, List.of(Problem.error(code, message, location)));
        }

        /** Every problem found, in order; never empty. */
        public List<Problem> problems() {
            return problems;
        }
    }

    private static final int BUFFER = 64 * 1024;

    private SafeZip() {
    }

    /**
     * Unpacks {@code zip} into the existing, empty directory {@code target}.
     *
     * @throws Rejected   400 for a malformed or hostile zip, 413 when over a size or count limit; {@code target} may
     *                     then hold a partial extraction the caller must delete
     * @throws IOException when the target cannot be written
     */
    public static Extracted extract(Path zip, Path target, Limits limits) throws IOException {
        return extract(zip, target, limits, LEGACY_NAME_CHARSETS);
    }

    /**
     * {@link #extract(Path, Path, Limits)}, reading entry names that are neither flagged nor valid as UTF-8 in the
     * first of {@code legacyNames} valid for all of them (a warning says which).
     */
    public static Extracted extract(Path zip, Path target, Limits limits, List<Charset> legacyNames)
            throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            ZipCentralDirectory.Directory directory;
            try {
                directory = ZipCentralDirectory.read(ch, limits.maxEntries());
            } catch (ZipCentralDirectory.TooManyEntries e) {
                throw Rejected.of(413, "too-many-entries", "The zip holds " + e.count + " entries; at most "
                        + limits.maxEntries() + " are allowed.", null);
            } catch (ZipException e) {
                throw notAZip(e);
            }
            List<Problem> problems = new ArrayList<>();
            List<Problem> warnings = new ArrayList<>();
            Charset names = nameCharset(directory.entries(), legacyNames);
            if (names == null) {
                throw Rejected.of(400, "entry-name-encoding", "Some file names in the zip are in an encoding that"
                        + " could not be recognised. Zip the files again with UTF-8 names (for example with 7-Zip,"
                        + " or the zip tools built into current Windows and macOS).", null);
            }
            if (!names.equals(StandardCharsets.UTF_8)) {
                warnings.add(Problem.warning("legacy-name-encoding", "The zip's file names are not marked as UTF-8;"
                        + " they were read as " + names.displayName(Locale.ROOT) + ". If a name looks wrong, zip"
                        + " the files again with UTF-8 names.", null));
            }
            List<Entry> entries = new ArrayList<>();
            for (ZipCentralDirectory.Entry e : directory.entries()) {
                Entry entry = new Entry(e, new String(e.nameBytes(), e.isUtf8() ? StandardCharsets.UTF_8 : names));
                entries.add(entry);
                if (e.isUtf8() && !decodes(e.nameBytes(), StandardCharsets.UTF_8)) {
                    problems.add(Problem.error("bad-entry-name", "An entry name is marked as UTF-8 but is not"
                            + " valid UTF-8 ('" + entry.name + "'). Zip the files again.", entry.location()));
                }
                if (e.isSymbolicLink()) {
                    problems.add(Problem.error("symlink-entry", "The zip contains a symbolic link ('" + entry.name
                            + "'). Uploads must contain regular files only; zip the files the link points to"
                            + " instead.", entry.location()));
                }
                if (e.isEncrypted()) {
                    problems.add(Problem.error("encrypted-entry", "'" + entry.name + "' is encrypted. Upload the"
                            + " zip without a password.", entry.location()));
                } else if (!e.isDirectory() && e.method() != ZipCentralDirectory.STORED
                        && e.method() != ZipCentralDirectory.DEFLATED) {
                    problems.add(Problem.error("unsupported-compression", "'" + entry.name + "' is compressed"
                            + " with method " + e.method() + "; only stored and deflated entries can be read. Zip"
                            + " the files again with ordinary (deflate) compression.", entry.location()));
                }
            }
            checkLayout(ch, directory, entries, problems);
            List<Entry> files = new ArrayList<>();
            Map<String, String> folded = new HashMap<>();
            Set<String> directoriesFolded = new HashSet<>();
            long declared = 0;
            for (Entry entry : entries) {
                String path = safePath(entry.name, problems);
                if (path == null) {
                    continue;
                }
                if (entry.central.isDirectory() || path.isEmpty()) {
                    if (!path.isEmpty()) {
                        directoriesFolded.add(fold(path));
                    }
                    continue;
                }
                String key = fold(path);
                String earlier = folded.putIfAbsent(key, path);
                if (earlier != null) {
                    problems.add(earlier.equals(path)
                            ? Problem.error("duplicate-entry", "'" + path + "' appears more than once in the zip.",
                                    entry.location())
                            : Problem.error("duplicate-entry-case", "'" + path + "' and '" + earlier + "' differ"
                                    + " only in upper/lower case or Unicode form; they would overwrite each other.",
                                    entry.location()));
                    continue;
                }
                for (int cut = path.indexOf('/'); cut > 0; cut = path.indexOf('/', cut + 1)) {
                    directoriesFolded.add(fold(path.substring(0, cut)));
                }
                entry.path = path;
                files.add(entry);
                declared += entry.central.size();
            }
            for (String dir : directoriesFolded) {
                if (folded.containsKey(dir)) {
                    problems.add(Problem.error("file-directory-clash", "'" + folded.get(dir) + "' is both a file"
                            + " and a folder in the zip.", "zip:" + folded.get(dir)));
                }
            }
            if (!problems.isEmpty()) {
                throw new Rejected(400, problems);
            }
            if (declared > limits.maxUncompressedBytes()) {
                throw tooLarge(limits);
            }
            long total = 0;
            long compressedTotal = 0;
            Set<String> extracted = new HashSet<>();
            for (Entry entry : files) {
                Path out = root.resolve(entry.path).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    // unreachable after safePath; kept as the last line of defence against zip slip
                    throw Rejected.of(400, "zip-slip", "'" + entry.name + "' points outside the upload.",
                            entry.location());
                }
                Files.createDirectories(out.getParent());
                long[] writtenAndRead = copy(ch, entry, out, limits, total);
                total += writtenAndRead[0];
                // The entries' data never overlap (checkLayout), so these are distinct bytes of the upload.
                compressedTotal += writtenAndRead[1];
                if (total > limits.ratioThresholdBytes()
                        && total > limits.maxCompressionRatio() * Math.max(compressedTotal, 1)) {
                    throw bomb(entry.name, limits);
                }
                extracted.add(entry.path);
            }
            return new Extracted(extracted, total, warnings);
        } catch (ZipException e) {
            throw notAZip(e);
        }
    }

    /** A central directory entry with its decoded name, and the path it extracts to once checked. */
    private static final class Entry {
        final ZipCentralDirectory.Entry central;
        final String name;
        long dataStart = -1;
        String path;

        Entry(ZipCentralDirectory.Entry central, String name) {
            this.central = central;
            this.name = name;
        }

        String location() {
            return "zip:" + name;
        }
    }

    /**
     * Each local header must agree with its central directory entry, and the entries' data must not overlap each
     * other or the central directory: a zip whose directory lists one stored file twenty times would otherwise
     * unpack it twenty times from bytes the ratio guard counts once per entry (APPNOTE 4.3.6: a zip is a sequence of
     * entries, each local header followed by its data, then the central directory).
     */
    private static void checkLayout(FileChannel ch, ZipCentralDirectory.Directory directory, List<Entry> entries,
                                    List<Problem> problems) throws IOException {
        List<Entry> placed = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                entry.dataStart = ZipCentralDirectory.dataStart(ch, entry.central);
                placed.add(entry);
            } catch (ZipCentralDirectory.Mismatch m) {
                problems.add(Problem.error("local-header-mismatch", "'" + entry.name + "' is described differently"
                        + " in the zip's directory and in the entry itself (" + m.getMessage() + "); the zip is"
                        + " damaged or forged.", entry.location()));
            }
        }
        placed.sort(java.util.Comparator.comparingLong((Entry e) -> e.central.localHeaderOffset()));
        long end = 0;
        for (Entry entry : placed) {
            long entryEnd = entry.dataStart + entry.central.compressedSize();
            if (entry.central.localHeaderOffset() < end || entryEnd > directory.centralDirectoryOffset()
                    || entryEnd < entry.dataStart) {
                problems.add(Problem.error("overlapping-entries", "'" + entry.name + "' shares its bytes with"
                        + " another entry or the zip's directory; the zip is forged.", entry.location()));
            }
            end = Math.max(end, entryEnd);
        }
    }

    /** UTF-8 when every unflagged name is valid UTF-8, else the first legacy code page valid for all; null if none. */
    static Charset nameCharset(List<ZipCentralDirectory.Entry> directory, List<Charset> legacyNames) {
        List<byte[]> unflagged = directory.stream().filter(e -> !e.isUtf8())
                .map(ZipCentralDirectory.Entry::nameBytes).toList();
        if (unflagged.stream().allMatch(b -> decodes(b, StandardCharsets.UTF_8))) {
            return StandardCharsets.UTF_8;
        }
        return legacyNames.stream().filter(cs -> unflagged.stream().allMatch(b -> decodes(b, cs)))
                .findFirst().orElse(null);
    }

    private static boolean decodes(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Unpacks one entry from its own bytes of the upload (stored, or raw deflate, APPNOTE 4.4.5), counting real
     * output against the declared size and the limits and the compressed bytes really consumed against the ratio;
     * the CRC-32 must match. Answers {bytes written, compressed bytes read}.
     */
    private static long[] copy(FileChannel ch, Entry entry, Path out, Limits limits, long before)
            throws IOException {
        ZipCentralDirectory.Entry e = entry.central;
        // An empty file, whichever method the archiver named (some write deflated entries with no data at all).
        boolean stored = e.method() == ZipCentralDirectory.STORED || (e.compressedSize() == 0 && e.size() == 0);
        if (stored && e.compressedSize() != e.size()) {
            throw sizeMismatch(entry);
        }
        Inflater inflater = stored ? null : new Inflater(true);
        CRC32 crc = new CRC32();
        ByteBuffer input = ByteBuffer.allocate(BUFFER);
        byte[] output = new byte[BUFFER];
        long position = entry.dataStart;
        long remaining = e.compressedSize();
        long written = 0;
        long read = 0;
        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
            while (stored || !inflater.finished()) {
                int n;
                if (stored || inflater.needsInput()) {
                    if (remaining == 0) {
                        if (stored) {
                            break;
                        }
                        throw sizeMismatch(entry);
                    }
                    input.clear().limit((int) Math.min(BUFFER, remaining));
                    int got = ch.read(input, position);
                    if (got <= 0) {
                        throw sizeMismatch(entry);
                    }
                    position += got;
                    remaining -= got;
                    if (stored) {
                        System.arraycopy(input.array(), 0, output, 0, got);
                        n = got;
                        read += got;
                    } else {
                        inflater.setInput(input.array(), 0, got);
                        continue;
                    }
                } else {
                    try {
                        n = inflater.inflate(output);
                    } catch (DataFormatException bad) {
                        throw Rejected.of(400, "corrupt-entry", "'" + entry.name + "' cannot be unpacked; the zip is"
                                + " damaged.", entry.location());
                    }
                    read = inflater.getBytesRead();
                    if (n == 0) {
                        if (inflater.needsDictionary()) {
                            throw Rejected.of(400, "corrupt-entry", "'" + entry.name + "' cannot be unpacked; the"
                                    + " zip is damaged.", entry.location());
                        }
                        continue;
                    }
                }
                written += n;
                if (written > e.size()) {
                    throw Rejected.of(400, "size-mismatch", "'" + entry.name + "' unpacks to more bytes than the"
                            + " zip says; the zip is damaged or forged.", entry.location());
                }
                if (before + written > limits.maxUncompressedBytes()) {
                    throw tooLarge(limits);
                }
                if (written > limits.ratioThresholdBytes()
                        && written > limits.maxCompressionRatio() * Math.max(read, 1)) {
                    throw bomb(entry.name, limits);
                }
                crc.update(output, 0, n);
                os.write(output, 0, n);
            }
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        if (written != e.size() || read != e.compressedSize()) {
            throw sizeMismatch(entry);
        }
        if (crc.getValue() != e.crc()) {
            throw Rejected.of(400, "crc-mismatch", "'" + entry.name + "' does not match its checksum; the zip is"
                    + " damaged.", entry.location());
        }
        return new long[] {written, read};
    }

    private static Rejected sizeMismatch(Entry entry) {
        return Rejected.of(400, "size-mismatch", "'" + entry.name + "' does not unpack to the size the zip says;"
                + " the zip is damaged or forged.", entry.location());
    }

    /**
     * The entry's path with {@code /} separators and without empty or {@code .} segments; {@code ""} for the root.
     * Null (and a problem added) when the name is absolute, climbs out with {@code ..} or has control characters.
     */
    static String safePath(String name, List<Problem> problems) {
        String location = "zip:" + name;
        if (name.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7F)) {
            problems.add(Problem.error("bad-entry-name", "An entry name contains control characters: '"
                    + name.replaceAll("\\p{Cntrl}", "?") + "'.", location.replaceAll("\\p{Cntrl}", "?")));
            return null;
        }
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            problems.add(Problem.error("absolute-path", "'" + name + "' is an absolute path. Entries must be"
                    + " relative to the zip's root.", location));
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : slashed.split("/")) {
            if (segment.equals("..")) {
                problems.add(Problem.error("zip-slip", "'" + name + "' climbs out of the upload with '..'.",
                        location));
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * The key under which two names collide on a case-insensitive, normalizing file system (NFC, lower case); for
     * callers that compare names from a manifest or definition with the extracted files.
     */
    public static String fold(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static Rejected notAZip(ZipException e) {
        return Rejected.of(400, "not-a-zip", "The upload is not a readable zip file" + reason(e)
                + ". Export it again as a .zip.", null);
    }

    /**
     * The zip library's reason ("zip END header not found"), which helps an author, but only when it is plain words:
     * a message naming a file or anything else of the server is left out.
     */
    static String reason(ZipException e) {
        String m = e.getMessage();
        return m != null && m.length() <= 120 && m.matches("[A-Za-z0-9 ()\\-,.:]+") ? " (" + m + ")" : "";
    }

    private static Rejected tooLarge(Limits limits) {
        return Rejected.of(413, "uncompressed-too-large", "The zip unpacks to more than "
                + limits.maxUncompressedBytes() + " bytes, the limit of this server.", null);
    }

    private static Rejected bomb(String name, Limits limits) {
        return Rejected.of(413, "zip-bomb", "'" + name + "' is compressed more than "
                + (long) limits.maxCompressionRatio() + " to 1; this looks like a zip bomb and was refused.",
                "zip:" + name);
    }
}
