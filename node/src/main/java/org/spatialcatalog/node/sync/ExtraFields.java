package org.spatialcatalog.node.sync;

import java.util.List;
import java.util.Map;

/** The configured extra index fields, taken from a record's XML when it is indexed. */
public interface ExtraFields {

  /** Whether any field is configured; when not, indexing never reads the XML. */
  boolean enabled();

  /**
   * The values of every configured field that applies to a record of {@code schema}. When this
   * throws, the record is quarantined (see {@link RecordDocuments}).
   */
  Map<String, List<String>> extract(String schema, String xml);
}
