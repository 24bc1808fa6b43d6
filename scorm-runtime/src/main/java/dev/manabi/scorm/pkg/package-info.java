/**
 * SCORM package import, validation and storage.
 *
 * <p>Public model: {@link dev.manabi.scorm.pkg.ScormPackage} (one immutable version of a package) with its
 * {@link dev.manabi.scorm.pkg.Organization organizations} and {@link dev.manabi.scorm.pkg.Item items},
 * {@link dev.manabi.scorm.pkg.ScormEdition}, and {@link dev.manabi.scorm.pkg.PackageRepository} to find versions and
 * their files. {@link dev.manabi.scorm.pkg.PackageImporter} turns an upload into a version;
 * {@link dev.manabi.scorm.pkg.PackagesResource} is its HTTP face ({@code /manabi/api/packages}).
 *
 * <p>Pipeline: upload streamed to a staging directory ({@code PackageImporter.receive}), unpacked under the
 * platform's zip guards ({@link dev.manabi.core.SafeZip}), manifest read with a hardened parser ({@code SafeXml},
 * {@code ManifestReader}, {@code Hrefs}), then either rejected with a {@link dev.manabi.api.ValidationReport}
 * of {@link dev.manabi.api.Problem problems} or moved to {@code packages/<id>/} and recorded with its tree as
 * JSON. Limits: {@link dev.manabi.scorm.pkg.ImportLimits} ({@code manabi.packages.*}).
 */
package dev.manabi.scorm.pkg;
