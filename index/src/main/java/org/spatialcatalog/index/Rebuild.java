package org.spatialcatalog.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LiveIndexWriterConfig;

/**
 * Replaces the whole content of a writer with a stream of records, tuned for throughput.
 *
 * <p>Nothing is committed here: until the caller commits, the previous commit is intact and a
 * rollback undoes the rebuild. Plain adds instead of updates skip the per-document id lookup (the
 * index is empty after {@code deleteAll}), and a larger RAM buffer during the rebuild means fewer,
 * larger segments to flush and merge.
 */
final class Rebuild {

  // The default 16 MB flushes many tiny segments and pays for merging them afterwards.
  static final double RAM_BUFFER_MB = 256;

  private Rebuild() {}

  /**
   * Returns the records that Lucene refused without harm to the writer and that were indexed
   * minimally instead (see {@link QuarantinedRecord}).
   */
  static List<QuarantinedRecord> replaceContent(IndexWriter writer, Iterator<IndexedRecord> records)
      throws IOException {
    List<QuarantinedRecord> quarantined = new ArrayList<>();
    LiveIndexWriterConfig config = writer.getConfig();
    double normalBuffer = config.getRAMBufferSizeMB();
    config.setRAMBufferSizeMB(RAM_BUFFER_MB);
    try {
      writer.deleteAll();
      while (records.hasNext()) {
        IndexedRecord record = records.next();
        try {
          writer.addDocument(RecordFields.toDocument(record));
        } catch (RuntimeException e) {
          if (writer.getTragicException() != null) {
            throw e;
          }
          String reason = RecordIndex.reason(e);
          writer.addDocument(RecordFields.minimalDocument(record, reason));
          quarantined.add(
              new QuarantinedRecord(
                  record.id(), record.version(), RecordFields.shorten(reason, 500)));
        }
      }
    } finally {
      config.setRAMBufferSizeMB(normalBuffer);
    }
    return quarantined;
  }
}
