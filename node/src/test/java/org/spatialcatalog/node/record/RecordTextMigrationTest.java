package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.index.Bbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration {@code h2/V19_1} turns the record's XML, abstract and keywords into their UTF-8 bytes:
 * text stored before it reads back unchanged after it, characters outside ASCII and outside the
 * Basic Multilingual Plane included, through every read of the repository and of the history, and
 * text written after it does too. The columns keep their NOT NULL constraints.
 */
class RecordTextMigrationTest {

  private static final String TEXT = "Größe – Wasserstand 水位 \uD834\uDD1E «niveau» ";
  private static final String XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gmd:MD_Metadata>" + TEXT + "</gmd:MD_Metadata>";

  @Test
  void textStoredBeforeTheMigrationReadsBackUnchangedAfterIt() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JdbcClient jdbc = JdbcClient.create(h2);
    RecordRepository records = new RecordRepository(jdbc, new JdbcTemplate(h2));
    RecordHistory history = new RecordHistory(jdbc, Clock.systemUTC());

    migrate(h2, MigrationVersion.fromVersion("18.1"));
    assertThat(typeOf(jdbc, "METADATA_RECORD", "XML_DOC")).isEqualTo("CHARACTER VARYING");
    Map<String, String> nullableBefore = nullable(jdbc);
    // As the code of that schema wrote it: the repository of today writes later columns too.
    insertAsAtV18(jdbc, record("before", List.of(TEXT, "zweites Wort")));
    history.keep("before", "UPDATE");

    migrate(h2, MigrationVersion.LATEST);
    for (String column : List.of("XML_DOC", "ABSTRACT_TEXT", "KEYWORDS")) {
      assertThat(typeOf(jdbc, "METADATA_RECORD", column)).isEqualTo("BINARY VARYING");
    }
    assertThat(typeOf(jdbc, "METADATA_RECORD_VERSION", "XML_DOC")).isEqualTo("BINARY VARYING");
    assertThat(nullable(jdbc)).isEqualTo(nullableBefore);

    records.insertAll(List.of(record("after", List.of())), List.of(XML), List.of(Map.of()));
    history.keep("after", "UPDATE");
    for (String id : List.of("before", "after")) {
      StoredRecord read = records.find(id).orElseThrow();
      assertThat(read.title()).isEqualTo("title " + TEXT);
      assertThat(read.abstractText()).isEqualTo(TEXT);
      assertThat(records.xml(id)).contains(XML);
      assertThat(records.xmlOf(List.of(id))).containsEntry(id, XML);
      assertThat(records.findAllWithXml(List.of(id)))
          .singleElement()
          .satisfies(w -> assertThat(w.xml()).isEqualTo(XML));
      assertThat(history.xml(id, 1)).contains(XML);
    }
    assertThat(records.find("before").orElseThrow().keywords())
        .containsExactly(TEXT.strip(), "zweites Wort");
    assertThat(records.find("after").orElseThrow().keywords()).isEmpty();
  }

  private static StoredRecord record(String id, List<String> keywords) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new StoredRecord(
        id,
        "uuid-" + id,
        "iso19139",
        "title " + TEXT,
        TEXT,
        keywords.stream().map(String::strip).toList(),
        new Bbox(-10, -5, 10, 5),
        now,
        1,
        now,
        now,
        RecordAccess.ownedBy(7L, null));
  }

  private static void insertAsAtV18(JdbcClient jdbc, StoredRecord r) {
    Bbox b = r.bbox();
    jdbc.sql(
            "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text, keywords,"
                + " west, south, east, north, date_stamp, version, created_at, change_date,"
                + " owner_id, group_owner, operations, xml_doc)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.id(),
            r.uuid(),
            r.schema(),
            r.title(),
            r.abstractText(),
            String.join("\n", r.keywords()),
            b.west(),
            b.south(),
            b.east(),
            b.north(),
            java.sql.Timestamp.from(r.dateStamp()),
            r.version(),
            java.sql.Timestamp.from(r.createdAt()),
            java.sql.Timestamp.from(r.changeDate()),
            r.access().ownerId(),
            r.access().groupOwner(),
            null,
            XML)
        .update();
  }

  private static void migrate(JdbcDataSource h2, MigrationVersion target) {
    Flyway.configure()
        .dataSource(h2)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .target(target)
        .load()
        .migrate();
  }

  private static String typeOf(JdbcClient jdbc, String table, String column) {
    return jdbc.sql(
            "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ?"
                + " AND COLUMN_NAME = ?")
        .params(table, column)
        .query(String.class)
        .single();
  }

  private static Map<String, String> nullable(JdbcClient jdbc) {
    return jdbc
        .sql(
            "SELECT TABLE_NAME || '.' || COLUMN_NAME, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME IN ('METADATA_RECORD', 'METADATA_RECORD_VERSION')"
                + " AND COLUMN_NAME IN ('XML_DOC', 'ABSTRACT_TEXT', 'KEYWORDS')")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list()
        .stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
