package org.spatialcatalog.node.changelog;

import java.time.Instant;

/** One entry of the change log: record {@code recordId} reached {@code recordVersion}. */
public record Change(
    long seq, String recordId, Operation operation, long recordVersion, Instant committedAt) {

  /** What happened to the record. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }
}
