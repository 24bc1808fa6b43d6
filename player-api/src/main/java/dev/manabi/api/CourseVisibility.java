package dev.manabi.api;

/** Who may see and play a course. The owning tenant always may. */
public enum CourseVisibility {
    /** Every tenant of the installation (consortium-wide shared courses). */
    GLOBAL,
    /** Only the owning tenant's members. */
    TENANT,
    /** The owning tenant and the tenants named in the course's share list. */
    SHARED
}
