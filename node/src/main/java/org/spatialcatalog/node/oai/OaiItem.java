package org.spatialcatalog.node.oai;

import org.spatialcatalog.node.record.StoredRecord;

/**
 * One item the caller may see: a live record it may view, or a deleted record's tombstone.
 *
 * @param row where the item stands in the listing, its datestamp and set
 * @param record the record, or null for a tombstone
 * @param xml the record's stored XML when the page was read with it, otherwise null
 */
record OaiItem(OaiRepository.Row row, StoredRecord record, String xml) {

  boolean deleted() {
    return record == null;
  }
}
