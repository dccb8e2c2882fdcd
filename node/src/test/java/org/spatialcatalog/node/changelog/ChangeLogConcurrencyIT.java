package org.spatialcatalog.node.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log's gap-free guarantee under concurrent writers, on H2 and on PostgreSQL: while 9
 * threads append (three in their own transactions, three committing with the number, {@link
 * ChangeLog#appendAndCommit}, three inserting a row and its entry in one auto-committed statement,
 * {@link ChangeLog#insertAndAppend}, some of whose inserts fail), a reader following the log never
 * sees an entry before all entries below it are visible, and every appended number is handed out
 * exactly once. {@code appendAndCommit} commits the caller's earlier work with its entry, before
 * the transaction manager's own commit; inside a transaction it joined, it leaves the commit to
 * that transaction. {@code insertAndAppend} writes its row and entry together or neither.
 */
class ChangeLogConcurrencyIT {

  static final int WRITERS = 9;
  static final int PER_WRITER = 250;

  @TempDir static Path dir;
  static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("pg"))
            .setCleanDataDirectory(true)
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** The databases every check runs on. */
  enum Db {
    H2,
    POSTGRES
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void concurrentAppendsAreNeverVisibleWithAGap(Db db) throws Exception {
    on(db, "gapless", ChangeLogConcurrencyIT::assertGapFree);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void insertAndAppendWritesTheRowAndItsEntryOrNeither(Db db) throws Exception {
    on(db, "inserting", ChangeLogConcurrencyIT::assertRowAndEntryTogether);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void appendAndCommitCommitsWithTheNumber(Db db) throws Exception {
    on(db, "committing", ChangeLogConcurrencyIT::assertCommitsWithTheNumber);
  }

  /** A check on a migrated database. */
  private interface Check {
    void on(DataSource ds) throws Exception;
  }

  /**
   * Runs {@code check} on {@code db}: on H2 a new in-memory database {@code name}, on PostgreSQL
   * the class's embedded server, which the checks share.
   */
  private static void on(Db db, String name, Check check) throws Exception {
    try (HikariDataSource ds =
        db == Db.H2
            ? pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=120000", "sa", "")
            : pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
      migrate(ds, db == Db.H2 ? "h2" : "postgresql");
      check.on(ds);
    }
  }

  /**
   * The caller's earlier statement and the entry are visible to another connection as soon as
   * {@code appendAndCommit} returns, before the transaction manager commits; the transaction then
   * ends normally. Inside a transaction it joined, both roll back with that transaction.
   */
  private static void assertCommitsWithTheNumber(DataSource ds) {
    JdbcClient jdbc = JdbcClient.create(ds);
    ChangeLog log = new ChangeLog(jdbc, Clock.systemUTC(), ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    long before = log.head();

    List<String> seenInside = new ArrayList<>();
    Long seq =
        tx.execute(
            status -> {
              jdbc.sql("UPDATE change_log_counter SET last_seq = last_seq WHERE id = 1").update();
              long n = log.appendAndCommit(status, "committed-1", Change.Operation.CREATE, 1);
              seenInside.add(otherConnectionSees(ds, n));
              return n;
            });
    assertThat(seq).isEqualTo(before + 1);
    assertThat(seenInside).containsExactly("committed-1");
    assertThat(log.after(before, 10)).extracting(Change::recordId).containsExactly("committed-1");

    TransactionTemplate joined = new TransactionTemplate(tx.getTransactionManager());
    tx.executeWithoutResult(
        outer -> {
          joined.execute(
              inner -> log.appendAndCommit(inner, "rolled-back", Change.Operation.CREATE, 1));
          outer.setRollbackOnly();
        });
    assertThat(log.head()).isEqualTo(before + 1);
    assertThat(log.after(before, 10)).extracting(Change::recordId).containsExactly("committed-1");
  }

  /**
   * Outside a transaction the row and its entry are committed when {@code insertAndAppend} returns;
   * an insert that fails (its key taken) writes no entry and uses no number; inside a transaction
   * both roll back with it.
   */
  private static void assertRowAndEntryTogether(DataSource ds) {
    JdbcClient jdbc = JdbcClient.create(ds);
    createScratch(jdbc);
    ChangeLog log = new ChangeLog(jdbc, Clock.systemUTC(), ds);
    long before = log.head();

    long first = log.insertAndAppend(scratchRow("one"), "one", Change.Operation.CREATE, 1);
    assertThat(first).isEqualTo(before + 1);
    assertThat(otherConnectionSees(ds, first)).isEqualTo("one");
    assertThatThrownBy(
            () -> log.insertAndAppend(scratchRow("one"), "one-again", Change.Operation.CREATE, 1))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(log.head()).isEqualTo(first);
    long second = log.insertAndAppend(scratchRow("two"), "two", Change.Operation.CREATE, 1);
    assertThat(second).isEqualTo(first + 1);

    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    tx.executeWithoutResult(
        status -> {
          log.insertAndAppend(scratchRow("three"), "three", Change.Operation.CREATE, 1);
          status.setRollbackOnly();
        });
    assertThat(log.head()).isEqualTo(second);
    assertThat(log.after(before, 10)).extracting(Change::recordId).containsExactly("one", "two");
    assertThat(jdbc.sql("SELECT id FROM scratch ORDER BY id").query(String.class).list())
        .containsExactly("one", "two");
  }

  private static void createScratch(JdbcClient jdbc) {
    jdbc.sql("CREATE TABLE IF NOT EXISTS scratch (id VARCHAR(40) PRIMARY KEY, v VARCHAR(40))")
        .update();
  }

  private static ChangeLog.Insert scratchRow(String id) {
    return new ChangeLog.Insert(
        "INSERT INTO scratch (id, v) VALUES (?, ?)", java.util.Arrays.asList(id, null));
  }

  /** The record id of entry {@code seq} as a connection outside the transaction reads it. */
  private static String otherConnectionSees(DataSource ds, long seq) {
    try (java.sql.Connection other = ds.getConnection();
        java.sql.PreparedStatement read =
            other.prepareStatement("SELECT record_id FROM change_log WHERE seq = ?")) {
      read.setLong(1, seq);
      try (java.sql.ResultSet rs = read.executeQuery()) {
        return rs.next() ? rs.getString(1) : "not committed";
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(WRITERS + 2);
    return new HikariDataSource(config);
  }

  private static void migrate(DataSource ds, String vendor) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load()
        .migrate();
  }

  /**
   * {@code insertAndAppend} of a new row; every tenth time first one whose key is taken, which must
   * fail without using a number.
   */
  private static long insertingEvery10thTwice(ChangeLog log, String id, int i) {
    if (i % 10 == 9) {
      String taken = id.substring(0, id.lastIndexOf('-') + 1) + (i - 1);
      assertThatThrownBy(
              () -> log.insertAndAppend(scratchRow(taken), id, Change.Operation.CREATE, 1))
          .isInstanceOf(DuplicateKeyException.class);
    }
    return log.insertAndAppend(scratchRow(id), id, Change.Operation.CREATE, 1);
  }

  private static void assertGapFree(DataSource ds) throws Exception {
    JdbcClient jdbc = JdbcClient.create(ds);
    createScratch(jdbc);
    ChangeLog log = new ChangeLog(jdbc, Clock.systemUTC(), ds);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    long start = log.head();
    Set<Long> handedOut = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    try {
      Future<List<String>> reader =
          pool.submit(
              () -> {
                List<String> gaps = new ArrayList<>();
                long seen = start;
                while (true) {
                  boolean done = !writing.get();
                  List<Change> batch = log.after(seen, 500);
                  for (Change c : batch) {
                    if (c.seq() != seen + 1) {
                      gaps.add("saw " + c.seq() + " right after " + seen);
                    }
                    seen = c.seq();
                  }
                  if (done && batch.isEmpty()) {
                    break;
                  }
                }
                gaps.add("end " + seen);
                return gaps;
              });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < PER_WRITER; i++) {
                    String id = "w" + writer + "-" + i;
                    Long seq =
                        switch (writer % 3) {
                          case 0 -> tx.execute(s -> log.append(id, Change.Operation.CREATE, 1));
                          case 1 ->
                              tx.execute(
                                  s -> log.appendAndCommit(s, id, Change.Operation.CREATE, 1));
                          default -> insertingEvery10thTwice(log, id, i);
                        };
                    assertThat(handedOut.add(seq)).as("sequence %d handed out twice", seq).isTrue();
                  }
                  return null;
                }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
      writing.set(false);
      long end = start + (long) WRITERS * PER_WRITER;
      assertThat(reader.get()).containsExactly("end " + end);
      assertThat(handedOut).hasSize(WRITERS * PER_WRITER).allMatch(s -> s > start && s <= end);
      assertThat(log.head()).isEqualTo(end);
    } finally {
      pool.shutdownNow();
    }
  }
}
