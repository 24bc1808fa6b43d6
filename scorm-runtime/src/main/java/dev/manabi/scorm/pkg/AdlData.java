package dev.manabi.scorm.pkg;

/**
 * One {@code <adlcp:data><adlcp:map .../></adlcp:data>} declaration of an item (SCORM 2004 4th Edition CAM 3.4.1.24):
 * the shared data bucket {@code targetID} the SCO may read and/or write through {@code adl.data}.
 *
 * @param targetId        the bucket's global identifier ({@code targetID})
 * @param readSharedData  {@code readSharedData} as written ({@code true}/{@code false}), default {@code true}
 * @param writeSharedData {@code writeSharedData} as written, default {@code true}
 */
public record AdlData(String targetId, String readSharedData, String writeSharedData) {
}
