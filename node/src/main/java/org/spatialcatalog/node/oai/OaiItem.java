package org.spatialcatalog.node.oai;

import org.spatialcatalog.node.record.StoredRecord;

/**
 * One item the caller may see: a live record it may view, or a deleted record's tombstone.
 *
 * @param row where the item stands in the listing, its datestamp and set
 * @param record the record, or null for a tombstone
 */
record OaiItem(OaiRepository.Row row, StoredRecord record) {

  boolean deleted() {
    return record == null;
  }
}
