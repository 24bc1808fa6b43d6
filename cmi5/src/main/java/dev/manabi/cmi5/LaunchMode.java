package dev.manabi.cmi5;

/**
 * cmi5 section 10 launchMode: {@code Normal} records completion; {@code Browse} and {@code Review} let the learner
 * look around or revisit without the AU recording completion-related statements.
 */
public enum LaunchMode { Normal, Browse, Review }
