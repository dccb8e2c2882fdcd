package org.spatialcatalog.node.sync;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.stereotype.Component;

/**
 * Turns stored records into what the index keeps: the stored columns, the built-in properties read
 * from the XML ({@link RecordProperties}) and the configured extra fields. Every record's XML is
 * read, since the properties come from it. A record whose extra fields cannot be extracted (an
 * expression or a document that makes the extraction throw) is handed to the index as quarantined,
 * so one record never fails a batch or a rebuild.
 */
@Component
class RecordDocuments {

  private final RecordRepository records;
  private final ExtraFields extraFields;

  RecordDocuments(RecordRepository records, ExtraFields extraFields) {
    this.records = records;
    this.extraFields = extraFields;
  }

  List<IndexedRecord> of(List<StoredRecord> stored) {
    Map<String, String> xml = records.xmlOf(stored.stream().map(StoredRecord::id).toList());
    return stored.stream().map(r -> of(r, xml.get(r.id()))).toList();
  }

  IndexedRecord of(StoredRecord record, String xml) {
    Map<String, List<String>> extra;
    try {
      extra = extraFields.enabled() ? extraFields.extract(record.schema(), xml) : Map.of();
    } catch (RuntimeException | StackOverflowError e) {
      // A deeply nested document can overflow the XPath evaluator's recursion: still this
      // record's problem only.
      return record.toIndexed().quarantined("extra fields not extracted: " + e);
    }
    return record.toIndexed(extra, RecordProperties.of(record.schema(), xml));
  }
}
