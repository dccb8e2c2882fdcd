package org.spatialcatalog.node.record;

import java.util.List;

/**
 * Published on the node that removed them, after the commit, with every record a harvest removed in
 * one batch: the batch's single {@code ChangeCommitted} names only its last record, and each
 * removed record's files must go, not just that one's.
 */
public record HarvestedRecordsRemoved(List<String> recordIds) {
  public HarvestedRecordsRemoved {
    recordIds = List.copyOf(recordIds);
  }
}
