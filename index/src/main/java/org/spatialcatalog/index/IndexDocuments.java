package org.spatialcatalog.index;

import org.apache.lucene.document.Document;

/**
 * The Lucene document the index makes of a record, for tools that must index exactly the same
 * documents outside a {@link RecordIndex} (the rebuild benchmark's plain-Lucene yardstick).
 */
public final class IndexDocuments {

  private IndexDocuments() {}

  public static Document of(IndexedRecord record) {
    return RecordFields.toDocument(record);
  }
}
