package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;

/**
 * The built-in properties stored beside a record (migration V20_1, {@link StoredProperties}), on a
 * real H2 database here and on PostgreSQL in {@code StoredPropertiesPostgresIT}: a write stores the
 * properties of its XML for its version, and every read for the index returns them only while they
 * are the current version's in this format. A row changed without them (as a node of an older
 * version changes one) or stored without them (before the migration) has its XML read instead.
 */
class StoredPropertiesTest {

  static final String DC =
      """
      <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
          xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dct="http://purl.org/dc/terms/">
        <dc:identifier>dc-1</dc:identifier><dc:title>Lakes</dc:title>
        <dc:type>nonGeographicDataset</dc:type><dc:language>fre</dc:language>
      </csw:Record>
      """;

  @TempDir Path dir;
  RecordRepository records;
  ChangeLogDatabase db;

  ChangeLogDatabase database() throws Exception {
    return new ChangeLogDatabase(dir);
  }

  @BeforeEach
  void open() throws Exception {
    db = database();
    records = new RecordRepository(db.jdbc, db.template);
  }

  @Test
  void aNewRecordsPropertiesAreReadBackWithItAndAreThoseOfItsXml() {
    Map<Property, List<String>> iso = RecordProperties.of("iso19139", RecordPropertiesTest.ISO);
    assertThat(iso).containsKeys(Property.ALTERNATE_TITLE, Property.ORGANISATION);
    records.insert(record("a", 1), RecordPropertiesTest.ISO, iso);
    records.insertAll(
        List.of(record("b", 1), record("c", 1)),
        List.of(DC, DC),
        List.of(RecordProperties.of("dublin-core", DC), Map.of()));

    assertThat(forIndex("a").properties()).isEqualTo(iso);
    assertThat(forIndex("b").properties())
        .containsEntry(Property.TYPE, List.of("nonGeographicDataset"))
        .containsEntry(Property.LANGUAGE, List.of("fre"));
    // Stored as found, even when the XML held none: an empty map, not a read of the XML.
    assertThat(forIndex("c").properties()).isEmpty();
    List<RecordRepository.ForIndex> streamed = new ArrayList<>();
    records.forEachForIndex(false, streamed::add);
    assertThat(streamed)
        .extracting(r -> r.record().id(), RecordRepository.ForIndex::properties)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", iso),
            org.assertj.core.groups.Tuple.tuple("b", forIndex("b").properties()),
            org.assertj.core.groups.Tuple.tuple("c", Map.of()));
  }

  @Test
  void anUpdateStoresTheNewXmlsPropertiesForTheNewVersionAndAChangeOfPrivilegesKeepsThem() {
    records.insert(record("a", 1), DC, RecordProperties.of("dublin-core", DC));
    ParsedRecord iso = riversAsIso();

    long version = records.update("a", iso, "uuid-a", Instant.now(), iso.properties());
    assertThat(version).isEqualTo(2);
    assertThat(forIndex("a").record().version()).isEqualTo(2);
    assertThat(forIndex("a").properties())
        .isEqualTo(RecordProperties.of("iso19139", RecordPropertiesTest.ISO));

    long afterAccess = records.updateAccess("a", RecordAccess.ownedBy(9L, null), Instant.now());
    assertThat(afterAccess).isEqualTo(3);
    // The XML did not change, so the properties are still the record's: no read of its XML.
    assertThat(forIndex("a").properties())
        .isEqualTo(RecordProperties.of("iso19139", RecordPropertiesTest.ISO));
  }

  @Test
  void aRowChangedOrStoredWithoutThemHasItsXmlReadInstead() {
    records.insert(record("a", 1), DC, RecordProperties.of("dublin-core", DC));
    // What a node of the version before V20_1 does: new XML, version + 1, properties untouched.
    db.jdbc
        .sql(
            "UPDATE metadata_record SET schema_id = 'iso19139', xml_doc = ?,"
                + " version = version + 1 WHERE id = 'a'")
        .param(RecordPropertiesTest.ISO)
        .update();
    RecordRepository.ForIndex changed = forIndex("a");
    assertThat(changed.properties()).isNull();
    assertThat(changed.propertiesOrRead())
        .isEqualTo(RecordProperties.of("iso19139", RecordPropertiesTest.ISO));

    // A row from before the migration, or loaded without them.
    db.jdbc.sql("UPDATE metadata_record SET properties = NULL, properties_version = NULL").update();
    assertThat(forIndex("a").properties()).isNull();
    assertThat(forIndex("a").propertiesOrRead())
        .containsEntry(Property.ALTERNATE_TITLE, List.of("Flüsse"));
  }

  @Test
  void theTextIsTheDocumentedJsonWithItsValuesEscaped() {
    Map<Property, List<String>> properties = new EnumMap<>(Property.class);
    properties.put(Property.TYPE, List.of("dataset"));
    properties.put(Property.ORGANISATION, List.of("Dept. \"A\" \\ Co", "Zürich\nLab"));
    properties.put(Property.LANGUAGE, List.of());
    String text = StoredProperties.encode(properties);
    assertThat(text)
        .isEqualTo(
            "{\"format\":"
                + StoredProperties.FORMAT
                + ",\"values\":{\"type\":[\"dataset\"],"
                + "\"organisationName\":[\"Dept. \\\"A\\\" \\\\ Co\",\"Zürich\\nLab\"],"
                + "\"language\":[]}}");
    assertThat(StoredProperties.decode(text)).isEqualTo(properties);
  }

  @Test
  void propertiesOfAnotherFormatOrThatDoNotReadCountAsNone() {
    Map<Property, List<String>> iso = RecordProperties.of("iso19139", RecordPropertiesTest.ISO);
    String stored = StoredProperties.encode(iso);
    assertThat(StoredProperties.decode(stored)).isEqualTo(iso);
    assertThat(StoredProperties.decode(StoredProperties.encode(Map.of()))).isEmpty();

    String otherFormat =
        stored.replace(
            "\"format\":" + StoredProperties.FORMAT, "\"format\":" + (StoredProperties.FORMAT + 1));
    assertThat(otherFormat).isNotEqualTo(stored);
    assertThat(StoredProperties.decode(otherFormat)).isNull();
    assertThat(StoredProperties.decode("{\"format\":1,\"values\":{\"nonsense\":[\"x\"]}}"))
        .isNull();
    assertThat(StoredProperties.decode("{\"format\":1,\"values\":{\"type\":[1]}}")).isNull();
    assertThat(StoredProperties.decode("{\"format\":1,\"values\":")).isNull();
    assertThat(StoredProperties.decode(null)).isNull();
  }

  @Test
  void withoutXmlAskedARowSendsItsXmlOnlyWhenItsPropertiesCannotBeUsed() {
    records.insert(record("a", 1), DC, RecordProperties.of("dublin-core", DC));
    records.insert(record("b", 1), DC, Map.of());
    db.jdbc.sql("UPDATE metadata_record SET properties = NULL WHERE id = 'b'").update();
    records.insert(record("c", 1), DC, Map.of());
    // Current, but in a format this node does not read: as a node of a newer version stores them.
    db.jdbc
        .sql("UPDATE metadata_record SET properties = ? WHERE id = 'c'")
        .param(
            db.template.getDataSource() instanceof org.h2.jdbcx.JdbcDataSource
                ? "{\"format\":99}".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : "{\"format\":99}")
        .update();

    List<RecordRepository.ForIndex> read = records.findAllForIndex(List.of("a", "b", "c"), false);
    List<RecordRepository.ForIndex> streamed = new ArrayList<>();
    records.forEachForIndex(false, streamed::add);
    for (List<RecordRepository.ForIndex> rows : List.of(read, streamed)) {
      assertThat(rows)
          .extracting(r -> r.record().id(), RecordRepository.ForIndex::xml)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("a", null),
              org.assertj.core.groups.Tuple.tuple("b", DC),
              org.assertj.core.groups.Tuple.tuple("c", DC));
      assertThat(rows)
          .allSatisfy(
              r ->
                  assertThat(r.propertiesOrRead())
                      .isEqualTo(RecordProperties.of("dublin-core", DC)));
    }
    assertThat(records.findAllForIndex(List.of("a"), true).get(0).xml()).isEqualTo(DC);
  }

  @Test
  void theIndexReadsTheChangesWithTheirRecordsAsTheyAreNowInOneQuery() {
    Map<Property, List<String>> dc = RecordProperties.of("dublin-core", DC);
    records.insert(record("a", 1), DC, dc);
    long a1 = db.log("a", "CREATE", 1);
    records.insert(record("b", 1), DC, dc);
    long b1 = db.log("b", "CREATE", 1);
    records.update(
        "a",
        riversAsIso(),
        "uuid-a",
        Instant.now(),
        RecordProperties.of("iso19139", RecordPropertiesTest.ISO));
    long a2 = db.log("a", "UPDATE", 2);
    records.insert(record("c", 1), DC, dc);
    long c1 = db.log("c", "CREATE", 1);
    db.jdbc.sql("DELETE FROM metadata_record WHERE id = 'c'").update();
    long c2 = db.log("c", "DELETE", 2);

    List<RecordRepository.ChangeForIndex> run =
        records.changesForIndex(a1, 10, false, c -> !c.recordId().equals("b"));

    assertThat(run)
        .extracting(c -> c.change().seq(), c -> c.change().recordId(), c -> c.change().operation())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(b1, "b", Change.Operation.CREATE),
            org.assertj.core.groups.Tuple.tuple(a2, "a", Change.Operation.UPDATE),
            org.assertj.core.groups.Tuple.tuple(c1, "c", Change.Operation.CREATE),
            org.assertj.core.groups.Tuple.tuple(c2, "c", Change.Operation.DELETE));
    // Not wanted: not built, although it exists.
    assertThat(run.get(0).wanted()).isFalse();
    assertThat(run.get(0).record()).isNull();
    RecordRepository.ForIndex a = run.get(1).record();
    assertThat(a.record().version()).isEqualTo(2);
    assertThat(a.record().title()).isEqualTo("Rivers WFS");
    assertThat(a.properties()).isEqualTo(RecordProperties.of("iso19139", RecordPropertiesTest.ISO));
    assertThat(a.xml()).as("its properties are current: no XML sent").isNull();
    // Gone now: both of its changes are wanted and have no record.
    assertThat(run.subList(2, 4)).allSatisfy(c -> assertThat(c.wanted()).isTrue());
    assertThat(run.subList(2, 4)).allSatisfy(c -> assertThat(c.record()).isNull());

    // From the start, two at a time, with the XML: a's first change comes with a as it is now,
    // and a record changed twice in one run is built once.
    List<RecordRepository.ChangeForIndex> first = records.changesForIndex(0, 2, true, c -> true);
    assertThat(first).extracting(c -> c.change().seq()).containsExactly(a1, b1);
    assertThat(first.get(0).record().record().version()).isEqualTo(2);
    assertThat(first.get(0).record().xml()).isEqualTo(RecordPropertiesTest.ISO);
    assertThat(first.get(1).record().xml()).isEqualTo(DC);
    List<RecordRepository.ChangeForIndex> all = records.changesForIndex(0, 10, false, c -> true);
    assertThat(all).hasSize(5);
    assertThat(all.get(2).record()).isSameAs(all.get(0).record());
    assertThat(records.changesForIndex(c2, 10, false, c -> true)).isEmpty();
  }

  /** Record a's XML replaced by an ISO 19139 document. */
  private static ParsedRecord riversAsIso() {
    return new ParsedRecord(
        "uuid-a",
        RecordSchema.ISO19139,
        "Rivers WFS",
        "",
        List.of(),
        null,
        null,
        RecordPropertiesTest.ISO);
  }

  private RecordRepository.ForIndex forIndex(String id) {
    return records.findAllForIndex(List.of(id), false).get(0);
  }

  private static StoredRecord record(String id, long version) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new StoredRecord(
        id,
        "uuid-" + id,
        "dublin-core",
        "title " + id,
        "",
        List.of(),
        null,
        now,
        version,
        now,
        now,
        RecordAccess.ownedBy(7L, null));
  }
}
