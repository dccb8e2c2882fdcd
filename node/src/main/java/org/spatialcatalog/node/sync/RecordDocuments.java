package org.spatialcatalog.node.sync;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredProperties;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.stereotype.Component;

/**
 * Turns stored records into what the index keeps: the stored columns, the built-in properties and
 * the configured extra fields. The properties are the ones the writing node stored beside the
 * record ({@link StoredProperties}); only a row without them for its current version has its XML
 * read for them ({@link RecordProperties}). A record whose extra fields cannot be extracted (an
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

  /**
   * Whether documents need each record's XML: only for configured extra fields. Rows are read
   * without it otherwise ({@link RecordRepository#findAllForIndex}), unless their stored properties
   * cannot be used.
   */
  boolean needXml() {
    return extraFields.enabled();
  }

  /** The documents of the records with these ids that exist. */
  List<IndexedRecord> ofIds(List<String> ids) {
    return records.findAllForIndex(ids, needXml()).stream().map(this::of).toList();
  }

  IndexedRecord of(RecordRepository.ForIndex row) {
    String xml = row.xml();
    if (xml == null && needXml()) {
      // Extra fields were configured after the row was read without its XML.
      xml = records.xml(row.record().id()).orElse("");
    }
    return of(row.record(), xml, row.propertiesOrRead());
  }

  /** The document of a record whose XML is {@code xml} and built-in properties {@code props}. */
  IndexedRecord of(StoredRecord record, String xml, Map<Property, List<String>> props) {
    Map<String, List<String>> extra;
    try {
      extra = extraFields.enabled() ? extraFields.extract(record.schema(), xml) : Map.of();
    } catch (RuntimeException | StackOverflowError e) {
      // A deeply nested document can overflow the XPath evaluator's recursion: still this
      // record's problem only.
      return record.toIndexed().quarantined("extra fields not extracted: " + e);
    }
    return record.toIndexed(extra, props);
  }
}
