package dev.manabi.scorm.seq;

/**
 * The course's results: the root activity's rolled-up tracking information (SN 4.6). Null means unknown.
 *
 * @param completed   attempt completion status of the root
 * @param satisfied   primary objective satisfied status of the root
 * @param scaledScore primary objective normalized measure of the root
 * @param progressMeasure attempt completion amount of the root
 */
public record CourseStatus(Boolean completed, Boolean satisfied, Double scaledScore, Double progressMeasure) {
}
