package org.spatialcatalog.node.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.datadir.RecordFolderLayout;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * A populated database and data directory of a catalog that ran as a single node: integer ids, no
 * Flyway history, a change log with one entry per record, and files in the range layout.
 */
public final class LegacyCatalog {

  /** The legacy records: ids spread over several ranges of the file layout. */
  public static final List<Integer> IDS = List.of(7, 99, 100, 1234, 20001);

  public static final String SITE_UUID = "5f1e0c2a-legacy-site";

  private LegacyCatalog() {}

  /** Creates the legacy schema ({@code h2} or {@code postgresql}) and its records. */
  public static void populate(Connection c, String vendor) throws SQLException, IOException {
    try (InputStream in =
            LegacyCatalog.class.getResourceAsStream("/legacy/" + vendor + "-single-node.sql");
        Statement st = c.createStatement()) {
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
      st.execute(
          "INSERT INTO catalog_setting (setting_name, setting_value) VALUES ('site.uuid', '"
              + SITE_UUID
              + "')");
    }
    Instant created = Instant.parse("2019-03-04T05:06:07Z");
    try (PreparedStatement record =
            c.prepareStatement(
                "INSERT INTO metadata_record (id, uuid, schema_id, title, abstract_text, keywords,"
                    + " west, south, east, north, date_stamp, version, created_at, change_date,"
                    + " xml_doc) VALUES (?, ?, 'iso19139', ?, ?, ?, 2.5, 49.5, 6.4, 51.5, ?, 1,"
                    + " ?, ?, ?)");
        PreparedStatement log =
            c.prepareStatement(
                "INSERT INTO change_log (seq, record_id, operation, record_version,"
                    + " committed_at) VALUES (?, ?, 'CREATE', 1, ?)")) {
      long seq = 0;
      for (int id : IDS) {
        record.setInt(1, id);
        record.setString(2, uuid(id));
        record.setString(3, title(id));
        record.setString(4, "Abstract of " + title(id));
        record.setString(5, "Legacy");
        record.setTimestamp(6, Timestamp.from(created));
        record.setTimestamp(7, Timestamp.from(created));
        record.setTimestamp(8, Timestamp.from(created));
        record.setString(9, xml(id));
        record.executeUpdate();
        log.setLong(1, ++seq);
        log.setInt(2, id);
        log.setTimestamp(3, Timestamp.from(created));
        log.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        st.execute("UPDATE change_log_counter SET last_seq = " + seq + " WHERE id = 1");
      }
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  /** Writes each legacy record's files where a single-node catalog kept them. */
  public static void writeFiles(Path sharedDir) throws IOException {
    for (int id : IDS) {
      Path folder = sharedDir.resolve(RecordFolderLayout.relativeFolder(Integer.toString(id)));
      Files.createDirectories(folder.resolve("public"));
      Files.createDirectories(folder.resolve("private"));
      Files.writeString(folder.resolve("public/overview.txt"), publicContent(id));
      Files.writeString(folder.resolve("private/raw.txt"), "private data of record " + id);
    }
  }

  public static String publicContent(int id) {
    return "overview of legacy record " + id;
  }

  public static String uuid(int id) {
    return "legacy-record-" + id;
  }

  public static String title(int id) {
    return "Legacy quagmire " + id;
  }

  public static String xml(int id) {
    return SampleRecords.iso19139(
        uuid(id),
        title(id),
        "Abstract of " + title(id),
        List.of("Legacy"),
        new Bbox(2.5, 49.5, 6.4, 51.5),
        Instant.parse("2019-03-04T05:06:07Z"));
  }
}
