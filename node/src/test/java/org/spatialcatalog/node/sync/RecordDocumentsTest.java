package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredProperties;

/**
 * Documents from rows read without their XML, on a real H2 database: a rebuild or a sync batch
 * reads the rows first and builds their documents afterwards, and extra fields can be configured in
 * between (a RELOAD-INDEX-CONF arriving meanwhile). The document must still carry them.
 */
class RecordDocumentsTest {

  static final String DC =
      """
      <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
          xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier>dc-1</dc:identifier><dc:title>Lakes</dc:title>
        <dc:language>fre</dc:language>
      </csw:Record>
      """;

  @TempDir Path dir;

  /** Extra fields switched on by the test; each extraction records the XML it was given. */
  static final class SwitchedFields implements ExtraFields {
    volatile boolean on;
    final List<String> given = new ArrayList<>();

    @Override
    public boolean enabled() {
      return on;
    }

    @Override
    public Map<String, List<String>> extract(String schema, String xml) {
      given.add(xml);
      return Map.of("lang", List.of(xml.contains("<dc:language>fre") ? "fre" : "?"));
    }
  }

  @Test
  void extraFieldsConfiguredAfterARowWasReadWithoutItsXmlAreTakenFromTheStoredXml() {
    RecordRepository records = recordWithStoredProperties("a");
    SwitchedFields fields = new SwitchedFields();
    RecordDocuments documents = new RecordDocuments(records, fields);

    RecordRepository.ForIndex row =
        records.findAllForIndex(List.of("a"), documents.needXml()).get(0);
    assertThat(row.xml()).as("read without its XML: no extra fields yet").isNull();

    fields.on = true;
    IndexedRecord document = documents.of(row);

    assertThat(fields.given).containsExactly(DC);
    assertThat(document.fields()).containsEntry("lang", List.of("fre"));
    assertThat(document.properties()).containsEntry(Property.LANGUAGE, List.of("fre"));
    assertThat(document.quarantineReason()).isNull();
  }

  @Test
  void withoutExtraFieldsADocumentNeverReadsTheXml() {
    RecordRepository records = recordWithStoredProperties("a");
    SwitchedFields fields = new SwitchedFields();
    RecordDocuments documents = new RecordDocuments(records, fields);

    List<IndexedRecord> built = documents.ofIds(List.of("a", "missing"));

    assertThat(built).singleElement().satisfies(d -> assertThat(d.fields()).isEmpty());
    assertThat(built.get(0).properties()).containsEntry(Property.LANGUAGE, List.of("fre"));
    assertThat(fields.given).isEmpty();
  }

  /**
   * Record {@code id} (version 1) with {@link #DC} and its properties stored for that version, as a
   * writing node stores them (UTF-8 bytes on H2).
   */
  private RecordRepository recordWithStoredProperties(String id) {
    ChangeLogDatabase db = new ChangeLogDatabase(dir);
    db.write(id, "Lakes", List.of());
    db.jdbc
        .sql(
            "UPDATE metadata_record SET schema_id = 'dublin-core', xml_doc = ?, properties = ?,"
                + " properties_version = version WHERE id = ?")
        .params(
            DC.getBytes(StandardCharsets.UTF_8),
            StoredProperties.encode(RecordProperties.of("dublin-core", DC))
                .getBytes(StandardCharsets.UTF_8),
            id)
        .update();
    return new RecordRepository(db.jdbc, db.template);
  }
}
