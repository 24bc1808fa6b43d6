package dev.manabi.scorm.pkg;

import dev.manabi.api.CourseVisibility;
import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Problem;
import dev.manabi.api.Role;
import dev.manabi.core.ContentStore;
import dev.manabi.core.Course;
import dev.manabi.core.CourseCatalog;
import dev.manabi.core.Database;
import dev.manabi.core.PackageFormat;
import dev.manabi.core.SafeZip;
import dev.manabi.core.Sql;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.i18n.UiLanguage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import dev.manabi.scorm.seq.model.ActivityTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Turns an uploaded zip into a stored package version and a course.
 *
 * <p>The upload is streamed to {@code <content root>/staging/<random>/}, unpacked there under the
 * {@link SafeZip} guards and its manifest read and checked. Only a package without errors is moved to
 * {@code <content root>/packages/<packageId>/} and recorded; whatever fails, the staging directory is deleted and
 * nothing is half-stored. A package whose manifest identifier the tenant already imported (in the same course and
 * language, when a course is given) becomes the next version of that line; earlier versions stay.
 */
@ApplicationScoped
public class PackageImporter {

    private static final Logger LOG = Logger.getLogger(PackageImporter.class.getName());
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    @Inject
    Database database;

    @Inject
    ContentStore contentStore;

    @Inject
    CourseCatalog catalog;

    @Inject
    Config config;

    /** Formats of other modules (cmi5) that read a structure file this importer only recognizes. */
    @Inject
    Instance<PackageFormat> formats;

    /** Overrides the CDI formats (tests). */
    List<PackageFormat> formatsOverride;

    /** Overrides the configured limits (tests). */
    ImportLimits limitsOverride;

    /**
     * What the uploader asked for besides the zip.
     *
     * @param courseId   add the package to this existing course (as a language variant when {@code language} is
     *                   given) instead of creating a course
     * @param language   BCP 47 tag of the variant, or null
     * @param visibility who may see a newly created course; null means {@link CourseVisibility#TENANT}
     * @param sharedWith tenant ids for {@link CourseVisibility#SHARED}
     */
    public record Options(String courseId, String language, CourseVisibility visibility, Set<String> sharedWith) {

        public Options {
            sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
        }

        public static Options defaults() {
            return new Options(null, null, null, Set.of());
        }
    }

    /** A stored package version and the warnings found in it. */
    public record Imported(ScormPackage pkg, List<Problem> problems) {
    }

    /** The limits in force: MicroProfile Config {@code manabi.packages.*} or the defaults. */
    public ImportLimits limits() {
        if (limitsOverride != null) {
            return limitsOverride;
        }
        return config == null ? ImportLimits.DEFAULTS : ImportLimits.from(config);
    }

    /**
     * Imports one upload.
     *
     * @throws PackageRejected with 400/413/422 and the problems when the upload is not an acceptable package
     * @throws PlayerException 403/404 when the author may not use the options given
     */
    public Imported importPackage(LearnerContext author, InputStream zip, Options options) {
        checkOptions(author, options);
        ImportLimits limits = limits();
        Path storeRoot = contentStore.root();
        Path staging;
        try {
            removeStaleStaging(Files.createDirectories(storeRoot.resolve("staging")));
            staging = storeRoot.resolve("staging").resolve(UUID.randomUUID().toString());
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new PlayerException(503, "content-store-unavailable", "The content directory is not writable");
        }
        try {
            Path upload = staging.resolve("upload.zip");
            receive(zip, upload, limits);
            Path files = Files.createDirectory(staging.resolve("files"));
            SafeZip.Extracted extracted;
            try {
                extracted = SafeZip.extract(upload, files, limits.zip(),
                        SafeZip.legacyNameCharsets(author.preferredLocale()));
            } catch (SafeZip.Rejected e) {
                throw PackageRejected.of(e);
            }
            Files.delete(upload);
            return readAndStore(author, options, extracted, files, storeRoot, false);
        } catch (IOException e) {
            // The exception's text names files of the staging folder: it goes to the log, not to the uploader.
            LOG.log(Level.WARNING, "Package upload failed", e);
            throw PackageRejected.of(400, "upload-failed", "The upload could not be read completely. Try again.",
                    null);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Imports a structure file uploaded alone, without a package around it: a bare {@code cmi5.xml} whose AUs are
     * hosted elsewhere (cmi5 section 14.2). Only a structure file a {@link PackageFormat} reads is accepted.
     *
     * @throws PackageRejected with 400/413/422 and the problems when it is not an acceptable structure file
     */
    public Imported importStructureFile(LearnerContext author, InputStream xml, Options options) {
        checkOptions(author, options);
        ImportLimits limits = limits();
        if (formats().stream().noneMatch(f -> ManifestReader.CMI5.equals(f.structureFile()))) {
            throw PackageRejected.of(415, "structure-file-unsupported", "A bare XML upload must be a cmi5.xml"
                    + " course structure, and this server has no cmi5 module. Upload a package zip instead.", "/");
        }
        Path storeRoot = contentStore.root();
        Path staging = null;
        try {
            staging = storeRoot.resolve("staging").resolve(UUID.randomUUID().toString());
            Path files = Files.createDirectories(staging.resolve("files"));
            Path structure = files.resolve(ManifestReader.CMI5);
            receive(xml, structure, limits.maxManifestBytes());
            SafeZip.Extracted extracted = new SafeZip.Extracted(Set.of(ManifestReader.CMI5), Files.size(structure),
                    List.of());
            return readAndStore(author, options, extracted, files, storeRoot, true);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Structure file upload failed", e);
            throw PackageRejected.of(400, "upload-failed", "The upload could not be read completely. Try again.",
                    null);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Reads the unpacked package's manifest; refuses it with 422 when it has errors, else stores it. */
    private Imported readAndStore(LearnerContext author, Options options, SafeZip.Extracted extracted, Path files,
                                  Path storeRoot, boolean bare) throws IOException {
        Manifest manifest = ManifestReader.read(files, extracted.files(), limits(), formats(), bare);
        if (manifest.report().hasErrors()) {
            throw new PackageRejected(422, manifest.problems());
        }
        return store(author, options, manifest, extracted, files, storeRoot);
    }

    private List<PackageFormat> formats() {
        if (formatsOverride != null) {
            return formatsOverride;
        }
        return formats == null ? List.of() : formats.stream().toList();
    }

    private void checkOptions(LearnerContext author, Options options) {
        if (!author.hasRole(Role.CONTENT_AUTHOR) && !author.hasRole(Role.PLATFORM_ADMIN)) {
            throw PlayerException.forbidden("Only content authors and platform admins may import packages");
        }
        if (options.language() != null && !LANGUAGE.matcher(options.language()).matches()) {
            throw PlayerException.badRequest("bad-language", "language must be a BCP 47 tag such as ja, en or"
                    + " zh-Hant");
        }
        if (options.courseId() != null) {
            catalog.requireEditable(options.courseId(), author);
        }
        // Checked before anything is staged, so a refused upload leaves no files behind.
        CourseCatalog.checkPublishing(author, options.visibility(), options.sharedWith());
        if (options.sharedWith().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 128)) {
            throw PlayerException.badRequest("bad-tenant-id", "Institution ids must be 1-128 characters");
        }
    }

    /** Streams the body to disk, stopping as soon as it exceeds the upload limit. */
    static void receive(InputStream in, Path target, ImportLimits limits) throws IOException {
        receive(in, target, limits.maxUploadBytes());
    }

    /** Streams the body to disk, stopping with 413 as soon as it exceeds {@code maxBytes}. */
    static void receive(InputStream in, Path target, long maxBytes) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw PackageRejected.of(413, "upload-too-large", "The upload is larger than "
                            + maxBytes + " bytes, the limit of this server.", null);
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw PackageRejected.of(400, "upload-empty", "The upload is empty. Send the package zip as the"
                    + " request body or as the form field 'file'.", null);
        }
    }

    private Imported store(LearnerContext author, Options options, Manifest manifest,
                           SafeZip.Extracted extracted, Path files, Path storeRoot) throws IOException {
        String tenantId = author.tenant().id();
        String identifier = manifest.identifier();
        String language = options.language();
        List<Problem> problems = new ArrayList<>(extracted.warnings());
        problems.addAll(manifest.problems());
        PackageRepository.Line existing = Sql.inTransaction(database.ready(), c -> PackageRepository.Store
                .findLine(c, tenantId, identifier, options.courseId(), language).orElse(null));
        if (existing != null && (options.visibility() != null || !options.sharedWith().isEmpty())) {
            problems.add(Problem.warning("visibility-ignored", "This upload is a new version of an existing course;"
                    + " its visibility was left unchanged. Change it in the course's sharing settings.", null));
        }
        String packageId = UUID.randomUUID().toString();
        Path target = PackageRepository.contentRoot(storeRoot, packageId);
        Files.createDirectories(target.getParent());
        try {
            Files.move(files, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(files, target);
        }
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            ScormPackage stored = insertVersion(author, options, manifest, existing, packageId, problems, extracted,
                    now);
            LOG.info(() -> "Imported " + stored.edition().displayName() + " package " + identifier + " as "
                    + packageId + " (version " + stored.version() + " of line " + stored.lineId() + ")");
            return new Imported(stored, List.copyOf(problems));
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /**
     * In one transaction: the course (for a first upload without {@code ?course=}), the line and its course
     * component (for a new line), and the version; so a failed import leaves no course, line or row behind.
     * Retries the version number when a parallel import took it.
     */
    private ScormPackage insertVersion(LearnerContext author, Options options, Manifest manifest,
                                       PackageRepository.Line existing, String packageId, List<Problem> problems,
                                       SafeZip.Extracted extracted, Instant now) {
        String language = options.language();
        String lineId = existing != null ? existing.id() : UUID.randomUUID().toString();
        // SCORM 2004: the sequencing model of the played organization, built once here (its findings join the
        // import report) and stored typed, so no launch parses sequencing XML again.
        ActivityTree sequencing = manifest.edition().isScorm2004() ? SequencingReader.read(new ScormPackage(
                packageId, lineId, null, author.tenant().id(), manifest.identifier(), 0, manifest.edition(),
                manifest.title(), manifest.defaultOrganization(), manifest.organizations(), now,
                manifest.sequencingCollectionXml()), problems) : null;
        for (int attempt = 1; ; attempt++) {
            try {
                return Sql.inTransaction(database.ready(), c -> {
                    PackageRepository.Line line = existing;
                    if (line == null) {
                        String courseId = options.courseId() != null ? options.courseId()
                                : catalog.createWithin(c, author, new CourseCatalog.Draft(manifest.title(),
                                        language == null ? defaultLanguage(manifest.title()) : language,
                                        options.visibility(), options.sharedWith())).id();
                        line = new PackageRepository.Line(lineId, author.tenant().id(), manifest.identifier(),
                                courseId, language);
                        PackageRepository.Store.insertLine(c, line, Timestamp.from(now));
                        catalog.addComponentWithin(c, courseId, new Course.Component(manifest.format() == null
                                ? "scorm" : manifest.format().componentKind(), line.id(), language));
                    }
                    int version = PackageRepository.Store.nextVersion(c, line.id());
                    ScormPackage pkg = new ScormPackage(packageId, line.id(), line.courseId(), line.ownerTenantId(),
                            manifest.identifier(), version, manifest.edition(), manifest.title(),
                            manifest.defaultOrganization(), manifest.organizations(), now,
                            manifest.sequencingCollectionXml());
                    PackageRepository.Store.insertVersion(c, new PackageRepository.NewVersion(pkg, problems,
                            extracted.files().size(), extracted.totalBytes(), author.learnerId(), sequencing));
                    if (manifest.format() != null) {
                        manifest.format().store(c, new PackageFormat.StoredVersion(pkg.id(), pkg.lineId(),
                                pkg.courseId(), pkg.ownerTenantId(), pkg.version(), now), manifest.reading());
                    }
                    return pkg;
                });
            } catch (PlayerException e) {
                if (attempt >= 3 || !"database-error".equals(e.code())) {
                    throw e;
                }
            }
        }
    }


    /** The first title language that is a UI language of the player, e.g. {@code ja} for a Japanese LOM title. */
    private static String defaultLanguage(LocalizedText title) {
        return title.values().keySet().stream().map(UiLanguage::ofTag).flatMap(Optional::stream).findFirst()
                .map(UiLanguage::tag).orElse(null);
    }

    /** Staging directories a crashed server left behind (an import never takes a day). */
    static void removeStaleStaging(Path stagingRoot) throws IOException {
        Instant dayAgo = Instant.now().minus(1, ChronoUnit.DAYS);
        try (var dirs = Files.list(stagingRoot)) {
            dirs.filter(d -> {
                try {
                    return Files.getLastModifiedTime(d).toInstant().isBefore(dayAgo);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(PackageImporter::deleteQuietly);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Could not delete " + dir, e);
        }
    }
}
