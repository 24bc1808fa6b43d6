package dev.manabi.api;

/** What a person may do in the player. Roles come from the host, through the {@link LearnerContextProvider}. */
public enum Role {
    /** Plays courses and sees their own progress and results. */
    LEARNER,
    /** Sees the records of their own institution's members, downloads grades, limits or shares courses. */
    INSTITUTION_ADMIN,
    /** Uploads, validates and previews packages and quizzes. */
    CONTENT_AUTHOR,
    /** Operates the whole installation: every tenant, every course. */
    PLATFORM_ADMIN
}
