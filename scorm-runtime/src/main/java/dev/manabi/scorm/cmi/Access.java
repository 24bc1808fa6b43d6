package dev.manabi.scorm.cmi;

/** Who may use a data model element: SCORM 1.2 RTE 3.4.2 / SCORM 2004 RTE 4.1 "read only", "write only", "read/write". */
public enum Access {
    RO, WO, RW;

    public boolean readable() {
        return this != WO;
    }

    public boolean writable() {
        return this != RO;
    }

    static Access parse(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
