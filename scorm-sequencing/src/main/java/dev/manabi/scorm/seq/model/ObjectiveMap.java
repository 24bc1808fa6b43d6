package dev.manabi.scorm.seq.model;

/**
 * How a local objective reads and writes a global (shared) objective (SN 3.10.2; {@code <imsss:mapInfo>}, and the
 * 4th Edition {@code <adlseq:mapInfo>} for raw/min/max score, completion status and progress measure).
 *
 * @param targetObjectiveId global objective id
 */
public record ObjectiveMap(String targetObjectiveId, boolean readSatisfiedStatus, boolean readNormalizedMeasure,
                           boolean writeSatisfiedStatus, boolean writeNormalizedMeasure,
                           boolean readCompletionStatus, boolean writeCompletionStatus,
                           boolean readProgressMeasure, boolean writeProgressMeasure,
                           boolean readRawScore, boolean writeRawScore, boolean readMinScore, boolean writeMinScore,
                           boolean readMaxScore, boolean writeMaxScore) {

    /** An {@code imsss:mapInfo} with its IMS SS defaults for the attributes not given (read true, write false). */
    public static ObjectiveMap of(String target, boolean readSatisfied, boolean readMeasure, boolean writeSatisfied,
                                  boolean writeMeasure) {
        return new ObjectiveMap(target, readSatisfied, readMeasure, writeSatisfied, writeMeasure, false, false,
                false, false, false, false, false, false, false, false);
    }

    /** This map with the 4th Edition {@code adlseq:mapInfo} attributes of the same target merged in. */
    public ObjectiveMap withExtended(boolean readCompletion, boolean writeCompletion, boolean readProgress,
                                     boolean writeProgress, boolean readRaw, boolean writeRaw, boolean readMin,
                                     boolean writeMin, boolean readMax, boolean writeMax) {
        return new ObjectiveMap(targetObjectiveId, readSatisfiedStatus, readNormalizedMeasure, writeSatisfiedStatus,
                writeNormalizedMeasure, readCompletion, writeCompletion, readProgress, writeProgress, readRaw,
                writeRaw, readMin, writeMin, readMax, writeMax);
    }
}
