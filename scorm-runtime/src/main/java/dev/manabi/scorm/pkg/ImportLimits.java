package dev.manabi.scorm.pkg;

import dev.manabi.core.SafeZip;
import org.eclipse.microprofile.config.Config;

/**
 * Limits that protect the server from hostile or broken uploads. Each comes from MicroProfile Config
 * ({@code manabi.packages.*}) with a default that fits real authoring-tool output, video-heavy packages included.
 *
 * @param maxUploadBytes        {@code manabi.packages.max-upload-bytes}: size of the zip itself (default 1 GiB)
 * @param maxUncompressedBytes  {@code manabi.packages.max-uncompressed-bytes}: all files together, extracted
 *                              (default 4 GiB)
 * @param maxEntries            {@code manabi.packages.max-entries}: entries in the zip, directories included
 *                              (default 20000)
 * @param maxCompressionRatio   {@code manabi.packages.max-compression-ratio}: uncompressed / compressed size of one
 *                              entry or of the whole zip, checked once more than {@link #ratioThresholdBytes} came
 *                              out (default 200)
 * @param ratioThresholdBytes   {@code manabi.packages.ratio-threshold-bytes}: smaller outputs are never a bomb
 *                              (default 1 MiB)
 * @param maxManifestBytes      {@code manabi.packages.max-manifest-bytes}: size of imsmanifest.xml, cmi5.xml or
 *                              tincan.xml (default 16 MiB)
 * @param maxXmlDepth           {@code manabi.packages.max-xml-depth}: how deep elements of package XML (manifest,
 *                              cmi5.xml, tincan.xml, metadata files) may nest (default 256; authoring tools nest
 *                              items about 10 deep and metadata a few levels more)
 */
public record ImportLimits(long maxUploadBytes, long maxUncompressedBytes, int maxEntries,
                           double maxCompressionRatio, long ratioThresholdBytes, long maxManifestBytes,
                           int maxXmlDepth) {

    public static final ImportLimits DEFAULTS = new ImportLimits(1L << 30, 4L << 30, 20_000, 200, 1L << 20,
            16L << 20, 256);

    public static ImportLimits from(Config config) {
        return new ImportLimits(
                config.getOptionalValue("manabi.packages.max-upload-bytes", Long.class)
                        .orElse(DEFAULTS.maxUploadBytes),
                config.getOptionalValue("manabi.packages.max-uncompressed-bytes", Long.class)
                        .orElse(DEFAULTS.maxUncompressedBytes),
                config.getOptionalValue("manabi.packages.max-entries", Integer.class).orElse(DEFAULTS.maxEntries),
                config.getOptionalValue("manabi.packages.max-compression-ratio", Double.class)
                        .orElse(DEFAULTS.maxCompressionRatio),
                config.getOptionalValue("manabi.packages.ratio-threshold-bytes", Long.class)
                        .orElse(DEFAULTS.ratioThresholdBytes),
                config.getOptionalValue("manabi.packages.max-manifest-bytes", Long.class)
                        .orElse(DEFAULTS.maxManifestBytes),
                config.getOptionalValue("manabi.packages.max-xml-depth", Integer.class)
                        .orElse(DEFAULTS.maxXmlDepth));
    }

    /** The limits the zip extraction enforces. */
    public SafeZip.Limits zip() {
        return new SafeZip.Limits(maxUncompressedBytes, maxEntries, maxCompressionRatio, ratioThresholdBytes);
    }
}
