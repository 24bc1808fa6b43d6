package dev.manabi.scorm.pkg;

/**
 * The e-learning standard a package was built for, detected at import.
 *
 * <p>SCORM 1.2 and the SCORM 2004 editions are told apart by the manifest's {@code <schemaversion>} and namespaces
 * (SCORM 2004 CAM 3.4.1.4: {@code 2004 3rd Edition}, {@code 2004 4th Edition}; {@code CAM 1.3} for the 2nd edition;
 * SCORM 1.2 CAM 2.3.2: {@code 1.2}). cmi5 packages carry {@code cmi5.xml} (cmi5 spec section 13), xAPI (Tin Can)
 * packages {@code tincan.xml}; those are stored and reported but not played by this module.
 */
public enum ScormEdition {
    SCORM_12("SCORM 1.2"),
    SCORM_2004_2ND("SCORM 2004 2nd Edition"),
    SCORM_2004_3RD("SCORM 2004 3rd Edition"),
    SCORM_2004_4TH("SCORM 2004 4th Edition"),
    CMI5("cmi5"),
    XAPI("xAPI (Tin Can)");

    private final String displayName;

    ScormEdition(String displayName) {
        this.displayName = displayName;
    }

    /** A name to show people, e.g. {@code SCORM 2004 3rd Edition}. */
    public String displayName() {
        return displayName;
    }

    /** SCORM 2004 (any edition): the {@code API_1484_11} runtime and the 2004 CMI data model. */
    public boolean isScorm2004() {
        return this == SCORM_2004_2ND || this == SCORM_2004_3RD || this == SCORM_2004_4TH;
    }

    /** Any SCORM edition, i.e. a package this module plays. */
    public boolean isScorm() {
        return this == SCORM_12 || isScorm2004();
    }
}
