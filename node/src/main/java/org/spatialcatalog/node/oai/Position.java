package org.spatialcatalog.node.oai;

/**
 * Where a listing stands, as a key of the listing order: records without any change-log entry
 * first, by id ({@code seq} 0), then each record's newest change-log entry by sequence number
 * ({@code id} empty). Keys only grow, and a change to a record gives it a key above every key
 * already handed out, so a record changed during a listing moves behind the cursor.
 */
record Position(long seq, String id) {

  static final Position START = new Position(0, "");
}
