package org.spatialcatalog.node.cli;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.spatialcatalog.config.RecordId;
import org.spatialcatalog.node.cli.BenchCommand.Figure;
import org.spatialcatalog.node.sql.Placeholders;

/**
 * What the parts under the catalog can do on this machine, measured in the same run and on the same
 * documents, so each catalog figure can be read as a fraction of its limit:
 *
 * <ul>
 *   <li><b>JDBC batch insert</b>: the rows the catalog wrote in the throughput phase ({@code SELECT
 *       *} of {@code metadata_record}, XML included), inserted again as new rows (fresh id and
 *       uuid) into the same table of the same database, 100 rows per batch and per commit, one
 *       connection. They have no change-log entry, so no node ever sees them; they are deleted
 *       afterwards.
 *   <li><b>JDBC single-row commits</b>: the same rows, one {@code INSERT} per transaction from as
 *       many threads as the benchmark has writers: the least any write path with one transaction
 *       per record costs.
 *   <li><b>broker round trip</b>: a persistent message sent to a queue on the benchmark's broker
 *       and received back, one at a time, over TCP like the nodes.
 * </ul>
 *
 * Plain Lucene indexing of the same documents is measured by {@link RebuildBenchmark}.
 */
final class BenchLimits {

  /** The measured limits; a rate is per second, a latency in milliseconds. */
  record Limits(
      double batchInsert,
      double singleRowCommits,
      double brokerP50,
      double brokerP99,
      double brokerRate) {}

  private static final String MARK = "bench-limit-";

  private BenchLimits() {}

  static Limits measure(
      BenchDatabase db, String brokerUrl, int writers, PrintStream out, List<Figure> figures)
      throws Exception {
    List<Object[]> rows = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    try (java.sql.Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM metadata_record")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
      }
      while (rs.next()) {
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          Object value = rs.getObject(i + 1);
          // H2 hands CLOB columns out as Clob objects tied to this connection.
          row[i] =
              value instanceof java.sql.Clob clob
                  ? clob.getSubString(1, (int) clob.length())
                  : value;
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no rows to measure the database with");
    }
    String insert =
        "INSERT INTO metadata_record ("
            + String.join(", ", columns)
            + ") VALUES ("
            + Placeholders.list(columns.size())
            + ")";
    int id = columns.indexOf("id");
    int uuid = columns.indexOf("uuid");
    try {
      double batch = batchInsert(db, insert, rows, id, uuid);
      out.printf(
          "limit: plain JDBC batch insert of the same %d rows (100 per batch and commit): %.0f"
              + " rows/s%n",
          rows.size(), batch);
      double single = singleRowCommits(db, insert, rows, id, uuid, writers);
      out.printf(
          "limit: plain JDBC, one row per transaction, %d threads: %.0f rows/s%n", writers, single);
      double[] broker = brokerRoundTrip(brokerUrl, 1000);
      out.printf(
          "limit: broker round trip (persistent send + receive, one at a time): p50 %.1f ms,"
              + " p99 %.1f ms, %.0f/s%n",
          broker[0], broker[1], broker[2]);
      figures.add(
          new Figure(
              "limit: JDBC batch insert, same rows",
              String.format("%.0f rows/s", batch),
              "",
              rows.size() + " rows"));
      figures.add(
          new Figure(
              "limit: JDBC one row per commit, " + writers + " threads",
              String.format("%.0f rows/s", single),
              "",
              ""));
      figures.add(
          new Figure(
              "limit: broker round trip p50 / p99",
              String.format("%.1f / %.1f ms (%.0f/s)", broker[0], broker[1], broker[2]),
              "",
              ""));
      return new Limits(batch, single, broker[0], broker[1], broker[2]);
    } finally {
      try (java.sql.Connection c = db.connect();
          PreparedStatement d =
              c.prepareStatement("DELETE FROM metadata_record WHERE uuid LIKE ?")) {
        d.setString(1, MARK + "%");
        d.executeUpdate();
      }
    }
  }

  private static Object[] copy(Object[] row, int id, int uuid) {
    Object[] copy = Arrays.copyOf(row, row.length);
    copy[id] = RecordId.newId();
    copy[uuid] = MARK + UUID.randomUUID();
    return copy;
  }

  private static void bind(PreparedStatement ps, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      ps.setObject(i + 1, row[i]);
    }
  }

  private static double batchInsert(
      BenchDatabase db, String insert, List<Object[]> rows, int id, int uuid) throws SQLException {
    List<Object[]> copies = rows.stream().map(r -> copy(r, id, uuid)).toList();
    try (java.sql.Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(insert)) {
      c.setAutoCommit(false);
      long started = System.nanoTime();
      for (int i = 0; i < copies.size(); i++) {
        bind(ps, copies.get(i));
        ps.addBatch();
        if (i % 100 == 99 || i == copies.size() - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
      return copies.size() * 1e9 / (System.nanoTime() - started);
    }
  }

  private static double singleRowCommits(
      BenchDatabase db, String insert, List<Object[]> rows, int id, int uuid, int threads)
      throws Exception {
    List<Object[]> copies = rows.stream().map(r -> copy(r, id, uuid)).toList();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      long started = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  try (java.sql.Connection c = db.connect();
                      PreparedStatement ps = c.prepareStatement(insert)) {
                    for (int i; (i = next.getAndIncrement()) < copies.size(); ) {
                      bind(ps, copies.get(i));
                      ps.executeUpdate();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      return copies.size() * 1e9 / (System.nanoTime() - started);
    } finally {
      pool.shutdownNow();
    }
  }

  /** p50 ms, p99 ms and messages/s of {@code count} persistent send-and-receive round trips. */
  static double[] brokerRoundTrip(String brokerUrl, int count) throws Exception {
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUrl);
    Connection connection = factory.createConnection();
    try {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      Queue queue = session.createQueue("bench.round-trip");
      MessageProducer producer = session.createProducer(queue);
      producer.setDeliveryMode(DeliveryMode.PERSISTENT);
      MessageConsumer consumer = session.createConsumer(queue);
      String body = "{\"seq\":123456789,\"node\":\"bench\"}";
      for (int i = 0; i < 100; i++) {
        producer.send(session.createTextMessage(body));
        consumer.receive(10_000);
      }
      long[] nanos = new long[count];
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long t = System.nanoTime();
        producer.send(session.createTextMessage(body));
        if (consumer.receive(10_000) == null) {
          throw new IllegalStateException("broker round trip: message not received in 10 s");
        }
        nanos[i] = System.nanoTime() - t;
      }
      double rate = count * 1e9 / (System.nanoTime() - started);
      Arrays.sort(nanos);
      return new double[] {
        nanos[(int) Math.ceil(0.5 * count) - 1] / 1e6,
        nanos[(int) Math.ceil(0.99 * count) - 1] / 1e6,
        rate
      };
    } finally {
      connection.close();
    }
  }
}
