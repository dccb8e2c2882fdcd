package org.spatialcatalog.node.sync;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.stereotype.Component;

/** Turns stored records into what the index keeps, with the configured extra fields. */
@Component
class RecordDocuments {

  private final RecordRepository records;
  private final ExtraFields extraFields;

  RecordDocuments(RecordRepository records, ExtraFields extraFields) {
    this.records = records;
    this.extraFields = extraFields;
  }

  boolean needsXml() {
    return extraFields.enabled();
  }

  List<IndexedRecord> of(List<StoredRecord> stored) {
    if (!extraFields.enabled()) {
      return stored.stream().map(StoredRecord::toIndexed).toList();
    }
    Map<String, String> xml = records.xmlOf(stored.stream().map(StoredRecord::id).toList());
    return stored.stream().map(r -> of(r, xml.get(r.id()))).toList();
  }

  IndexedRecord of(StoredRecord record, String xml) {
    return record.toIndexed(extraFields.extract(record.schema(), xml));
  }
}
