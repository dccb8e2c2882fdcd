package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.RecordIndex;

/**
 * The yardstick for a node's index rebuild: how fast this machine indexes the same records with
 * plain Lucene, with nothing of the catalog in the way.
 *
 * <p>Three timings, in this JVM:
 *
 * <ol>
 *   <li><b>JDBC read</b>: every row of {@code metadata_record} read over the H2 TCP server into
 *       memory as {@link IndexedRecord}s, the same query shape a rebuild runs.
 *   <li><b>Plain Lucene</b>: those records into a fresh {@link FSDirectory} with a default
 *       {@link IndexWriter} ({@link StandardAnalyzer}; id and uuid as stored {@link StringField}s,
 *       title and abstract as stored {@link TextField}s, one unstored {@link StringField} per
 *       keyword) and a single commit at the end. The minimal schema a catalog could get by with.
 *   <li><b>RecordIndex.replaceAll</b>: the same in-memory records through the node's own index
 *       class (its full schema: doc values for sorting and facets, bbox points, keyword text),
 *       which separates the cost of the catalog's schema from the cost of reading the database.
 * </ol>
 *
 * <p>Each indexing run is done twice and the second is timed, because the benchmark JVM is cold
 * while the node that rebuilt has been indexing for a while; opening the writer is not timed.
 */
final class PlainLuceneIndexing {

  /** The three timings, in nanoseconds, for {@code records} records. */
  record Result(int records, long readNanos, long plainNanos, long replaceAllNanos) {
    double readPerSecond() {
      return perSecond(readNanos);
    }

    double plainPerSecond() {
      return perSecond(plainNanos);
    }

    double replaceAllPerSecond() {
      return perSecond(replaceAllNanos);
    }

    private double perSecond(long nanos) {
      return records * 1e9 / Math.max(1, nanos);
    }
  }

  private PlainLuceneIndexing() {}

  /** Reads every record from {@code dbUrl} and times both kinds of indexing under {@code work}. */
  static Result run(String dbUrl, Path work) throws SQLException, IOException {
    long started = System.nanoTime();
    List<IndexedRecord> records = read(dbUrl);
    long readNanos = System.nanoTime() - started;
    plain(records, Files.createTempDirectory(work, "plain-warmup-"));
    long plainNanos = plain(records, Files.createTempDirectory(work, "plain-"));
    replaceAll(records, Files.createTempDirectory(work, "record-index-warmup-"));
    long replaceAllNanos = replaceAll(records, Files.createTempDirectory(work, "record-index-"));
    return new Result(records.size(), readNanos, plainNanos, replaceAllNanos);
  }

  /** Every row of {@code metadata_record}, mapped the way the node maps it. */
  static List<IndexedRecord> read(String dbUrl) throws SQLException {
    List<IndexedRecord> records = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(dbUrl, "sa", "");
        Statement query = db.createStatement()) {
      query.setFetchSize(1000);
      try (ResultSet rs =
          query.executeQuery(
              "SELECT id, uuid, schema_id, title, abstract_text, keywords, west, south, east,"
                  + " north, version, change_date FROM metadata_record")) {
        while (rs.next()) {
          double west = rs.getDouble("west");
          Bbox bbox =
              rs.wasNull()
                  ? null
                  : new Bbox(
                      west, rs.getDouble("south"), rs.getDouble("east"), rs.getDouble("north"));
          String keywords = rs.getString("keywords");
          records.add(
              new IndexedRecord(
                  rs.getString("id"),
                  rs.getString("uuid"),
                  rs.getString("schema_id"),
                  rs.getString("title"),
                  rs.getString("abstract_text"),
                  keywords == null || keywords.isEmpty() ? List.of() : List.of(keywords.split("\n")),
                  bbox,
                  rs.getTimestamp("change_date").toInstant(),
                  rs.getLong("version")));
        }
      }
    }
    return records;
  }

  /** Indexes {@code records} into a new index in {@code dir}; returns the nanoseconds taken. */
  static long plain(List<IndexedRecord> records, Path dir) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir);
        StandardAnalyzer analyzer = new StandardAnalyzer();
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      long started = System.nanoTime();
      for (IndexedRecord record : records) {
        Document doc = new Document();
        doc.add(new StringField("id", record.id(), Field.Store.YES));
        doc.add(new StringField("uuid", record.uuid(), Field.Store.YES));
        doc.add(new TextField("title", record.title(), Field.Store.YES));
        doc.add(new TextField("abstract", record.abstractText(), Field.Store.YES));
        for (String keyword : record.keywords()) {
          doc.add(new StringField("keyword", keyword, Field.Store.NO));
        }
        writer.addDocument(doc);
      }
      writer.commit();
      return System.nanoTime() - started;
    }
  }

  /** {@link RecordIndex#replaceAll} of {@code records} into a new index in {@code dir}. */
  static long replaceAll(List<IndexedRecord> records, Path dir) throws IOException {
    try (RecordIndex index = RecordIndex.open(dir)) {
      long started = System.nanoTime();
      index.replaceAll(records.iterator(), 1);
      return System.nanoTime() - started;
    }
  }
}
