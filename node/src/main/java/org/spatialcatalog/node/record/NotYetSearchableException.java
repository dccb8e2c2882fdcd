package org.spatialcatalog.node.record;

import java.time.Duration;

/**
 * A change was committed (it is stored and in the change log, so every node will apply it) but this
 * node's index did not make it searchable within {@code catalog.sync.write-visibility-wait}. The
 * write is not lost and must not be repeated blindly: the record id and version say what was
 * stored.
 */
public class NotYetSearchableException extends RuntimeException {

  private final String recordId;
  private final long version;
  private final long seq;
  private final boolean deleted;

  NotYetSearchableException(
      String recordId, long version, long seq, boolean deleted, Duration waited) {
    super(
        (deleted
                ? "record " + recordId + " was deleted (version " + version + ")"
                : "record " + recordId + " version " + version + " is stored")
            + " but this node's index has not applied it yet (change-log sequence "
            + seq
            + ", waited "
            + waited.toMillis()
            + " ms, catalog.sync.write-visibility-wait): "
            + (deleted ? "searches here may still find it" : "searches here do not find it yet")
            + "; every node will apply it, do not repeat the write");
    this.recordId = recordId;
    this.version = version;
    this.seq = seq;
    this.deleted = deleted;
  }

  public String recordId() {
    return recordId;
  }

  public long version() {
    return version;
  }

  /** The change-log sequence of the change. */
  public long seq() {
    return seq;
  }

  public boolean deleted() {
    return deleted;
  }
}
