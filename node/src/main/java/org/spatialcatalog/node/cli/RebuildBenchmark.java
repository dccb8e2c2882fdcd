package org.spatialcatalog.node.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.IndexDocuments;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.cli.BenchCommand.Figure;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.RecordRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A node's full index rebuild ({@code POST /api/admin/index/rebuild} on node 2, which reads every
 * record from the database and indexes it) against a yardstick: how fast this machine indexes the
 * same records with plain Lucene, with nothing of the catalog in the way.
 *
 * <p>Besides the rebuild, these timings in this JVM:
 *
 * <ol>
 *   <li><b>JDBC read</b>: every row of {@code metadata_record} read from the database into memory
 *       as {@link IndexedRecord}s: the columns a rebuild indexes, but not the XML; a lower bound of
 *       the rebuild's read.
 *   <li><b>Plain Lucene, minimal schema</b>: those records into a fresh {@link FSDirectory} with a
 *       default {@link IndexWriter} ({@link StandardAnalyzer}; id and uuid as stored {@link
 *       StringField}s, title and abstract as stored {@link TextField}s, one unstored {@link
 *       StringField} per keyword) and a single commit at the end: the least a catalog could get by
 *       with.
 *   <li><b>The documents as the node builds them</b>: every record read again as a rebuild reads it
 *       ({@link RecordRepository#forEachForIndex}, the rebuild's own query: the stored properties,
 *       and the XML only of rows without them) and turned into the {@link IndexedRecord} a rebuild
 *       indexes; no extra fields are configured in the benchmark.
 *   <li><b>Plain Lucene, the same documents</b>: those documents ({@link IndexDocuments}) through a
 *       default {@link IndexWriter}, the yardstick of the target.
 *   <li><b>RecordIndex.replaceAll</b>: the same documents through the node's own index class.
 * </ol>
 *
 * <p>Each in-JVM indexing run is done once untimed first, because this JVM is cold while the node
 * has been indexing for a while; opening the writer is not timed. After each rebuild the yardstick
 * runs {@link #YARDSTICK_RUNS} times and its median is the round's figure. With several rounds, the
 * rebuild and the yardstick after it are repeated, and the round with the median ratio gives the
 * figures.
 */
final class RebuildBenchmark {

  static final double RATIO_TARGET = 0.7;

  /**
   * Timed runs of the yardstick after each rebuild, the median taken: one run read anywhere from
   * 8,517 to 15,478 records/s within one benchmark (issue 11, twelfth step), more than the rebuild
   * moved, so a single run made the ratio swing by a third.
   */
  static final int YARDSTICK_RUNS = 3;

  private RebuildBenchmark() {}

  /**
   * Rebuilds node {@code node}'s index and times the yardsticks under {@code work}, {@code rounds}
   * times each, interleaved (a rebuild, then plain Lucene on the same documents), and reports;
   * returns plain Lucene's records/s on the same documents in the round whose ratio is the median.
   * Each ratio pairs two timings taken seconds apart, so a machine whose speed drifts during the
   * run moves both; the yardstick alone varied by half from run to run on the development machine.
   */
  static double run(
      CatalogClient node,
      BenchDatabase db,
      Path work,
      PrintStream out,
      List<Figure> figures,
      int rounds)
      throws Exception {
    long started = System.nanoTime();
    List<IndexedRecord> read = read(db);
    double readRate = perSecond(read.size(), System.nanoTime() - started);
    out.printf("JDBC read in this JVM: %d records, %.0f records/s%n", read.size(), readRate);
    plain(read, Files.createTempDirectory(work, "plain-warmup-"));
    double plainRate =
        perSecond(read.size(), plain(read, Files.createTempDirectory(work, "plain-")));
    out.printf("plain Lucene, minimal schema, in this JVM: %.0f records/s%n", plainRate);
    started = System.nanoTime();
    List<IndexedRecord> documents = documents(db);
    double documentsRate = perSecond(documents.size(), System.nanoTime() - started);
    out.printf(
        "read and built as the node builds them, in this JVM: %.0f records/s%n", documentsRate);
    plainSameDocuments(documents, Files.createTempDirectory(work, "same-warmup-"));

    List<RebuildRound> done = new ArrayList<>();
    long records = 0;
    for (int r = 1; r <= rounds; r++) {
      CpuMeter.Reading cpuBefore = CpuMeter.read();
      CatalogClient.Response answer =
          node.postAndWait("/api/admin/index/rebuild", java.time.Duration.ofHours(1));
      CpuMeter.Reading cpuAfter = CpuMeter.read();
      SyncBenchmark.expect(answer, 200, "rebuild");
      JsonNode json = answer.json();
      records = json.path("records").asLong();
      long millis = Math.max(1, json.path("millis").asLong());
      double rebuild = records * 1000.0 / millis;
      List<Double> yardsticks = new ArrayList<>();
      for (int y = 0; y < YARDSTICK_RUNS; y++) {
        yardsticks.add(
            perSecond(
                documents.size(),
                plainSameDocuments(documents, Files.createTempDirectory(work, "same-"))));
      }
      double same = SyncBenchmark.median(yardsticks, Double::doubleValue);
      double thousands = records / 1000.0;
      RebuildRound round =
          new RebuildRound(
              rebuild,
              same,
              yardsticks,
              CpuMeter.perRecordMicros(cpuBefore, cpuAfter, records),
              CpuMeter.byThread(cpuBefore, cpuAfter, thousands));
      done.add(round);
      out.printf(
          "rebuild%s on %s: %d records in %d ms = %.0f records/s; plain Lucene, the same"
              + " documents, in this JVM: %.0f records/s (median of %s); rebuild / plain ="
              + " %.0f%%%n",
          rounds > 1 ? " " + r + " of " + rounds : "",
          node.baseUrl(),
          records,
          millis,
          rebuild,
          same,
          round.yardsticksText(),
          round.ratio() * 100);
      out.printf("  CPU per record of the rebuild: %s%n", round.cpu());
      if (!round.cpuByThread().isEmpty()) {
        out.printf("  by thread, µs: %s%n", round.cpuByThread());
      }
    }
    RebuildRound median = SyncBenchmark.median(done, RebuildRound::ratio);
    double minimalRatio = median.rebuild() / plainRate;
    replaceAll(documents, Files.createTempDirectory(work, "record-index-warmup-"));
    double replaceRate =
        perSecond(
            documents.size(),
            replaceAll(documents, Files.createTempDirectory(work, "record-index-")));
    out.printf("RecordIndex.replaceAll in this JVM: %.0f records/s%n", replaceRate);
    if (read.size() != records) {
      out.printf("note: the rebuild saw %d records, the JDBC read %d%n", records, read.size());
    }
    figures.add(
        new Figure(
            "rebuild on node 2 (DB -> index)",
            String.format("%.0f records/s", median.rebuild()),
            "",
            records + " records"));
    if (rounds > 1) {
      figures.add(
          new Figure(
              "  rounds: rebuild / plain Lucene",
              String.join(
                      ", ",
                      done.stream()
                          .map(
                              d ->
                                  String.format(
                                      "%.0f / %.0f = %.0f%%",
                                      d.rebuild(), d.plainSame(), d.ratio() * 100))
                          .toList())
                  + " (median taken)",
              "",
              ""));
    }
    figures.add(new Figure("  CPU per record of the rebuild", median.cpu(), "", ""));
    if (!median.cpuByThread().isEmpty()) {
      figures.add(
          new Figure(
              "  CPU per record of the rebuild by thread, µs", median.cpuByThread(), "", ""));
    }
    figures.add(
        new Figure(
            "  JDBC read only (bench JVM)", String.format("%.0f records/s", readRate), "", ""));
    figures.add(
        new Figure(
            "  plain Lucene, minimal schema (bench JVM)",
            String.format("%.0f records/s", plainRate),
            "",
            String.format("rebuild = %.0f%% of it", minimalRatio * 100)));
    figures.add(
        new Figure(
            "  read and built as the node builds them (bench JVM)",
            String.format("%.0f records/s", documentsRate),
            "",
            ""));
    figures.add(
        new Figure(
            "  plain Lucene, same documents (bench JVM)",
            String.format("%.0f records/s", median.plainSame()),
            "",
            ""));
    figures.add(
        new Figure(
            "  RecordIndex.replaceAll, from memory",
            String.format("%.0f records/s", replaceRate),
            "",
            ""));
    figures.add(
        new Figure(
            "rebuild / plain Lucene (same documents)",
            String.format("%.0f%%", median.ratio() * 100),
            String.format(">= %.0f%%", RATIO_TARGET * 100),
            median.ratio() >= RATIO_TARGET ? "met" : "NOT met"));
    return median.plainSame();
  }

  /** One rebuild and the yardstick timed right after it: the median of its runs. */
  private record RebuildRound(
      double rebuild, double plainSame, List<Double> yardsticks, String cpu, String cpuByThread) {
    double ratio() {
      return rebuild / plainSame;
    }

    String yardsticksText() {
      return String.join(", ", yardsticks.stream().map(y -> String.format("%.0f", y)).toList());
    }
  }

  private static double perSecond(int records, long nanos) {
    return records * 1e9 / Math.max(1, nanos);
  }

  /**
   * Every record as a rebuild indexes it: read with the rebuild's query and built the way the node
   * builds a document (without extra fields, which the benchmark does not configure).
   */
  static List<IndexedRecord> documents(BenchDatabase database) {
    DriverManagerDataSource source =
        new DriverManagerDataSource(database.url(), database.user(), database.password());
    RecordRepository records =
        new RecordRepository(JdbcClient.create(source), new JdbcTemplate(source));
    List<IndexedRecord> documents = new ArrayList<>();
    records.forEachForIndex(
        false, r -> documents.add(r.record().toIndexed(Map.of(), r.propertiesOrRead())));
    return documents;
  }

  /** Every row of {@code metadata_record}'s indexed columns, without the XML. */
  static List<IndexedRecord> read(BenchDatabase database) throws SQLException {
    List<IndexedRecord> records = new ArrayList<>();
    try (Connection db = database.connect();
        Statement query = db.createStatement()) {
      // PostgreSQL streams by the fetch size only inside a transaction.
      db.setAutoCommit(false);
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
                  keywords == null || keywords.isEmpty()
                      ? List.of()
                      : List.of(keywords.split("\n")),
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

  /**
   * The node's own Lucene documents ({@link IndexDocuments}) through a default {@link IndexWriter}
   * from memory, one thread, one commit: plain Lucene indexing exactly what a rebuild indexes,
   * without the database, the catalog or any tuning.
   */
  static long plainSameDocuments(List<IndexedRecord> records, Path dir) throws IOException {
    try (FSDirectory directory = FSDirectory.open(dir);
        StandardAnalyzer analyzer = new StandardAnalyzer();
        IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      long started = System.nanoTime();
      for (IndexedRecord record : records) {
        writer.addDocument(IndexDocuments.of(record));
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
