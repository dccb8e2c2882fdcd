package org.spatialcatalog.node.changelog;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change log's gap-free guarantee under concurrent writers, on H2 and on PostgreSQL: while 8
 * threads append in their own transactions, a reader following the log never sees an entry before
 * all entries below it are visible, and every appended number is handed out exactly once.
 */
class ChangeLogConcurrencyIT {

  static final int WRITERS = 8;
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

  @Test
  void concurrentAppendsOnH2AreNeverVisibleWithAGap() throws Exception {
    try (HikariDataSource ds =
        pool("jdbc:h2:mem:gapless;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=120000", "sa", "")) {
      migrate(ds, "h2");
      assertGapFree(ds);
    }
  }

  @Test
  void concurrentAppendsOnPostgresAreNeverVisibleWithAGap() throws Exception {
    try (HikariDataSource ds =
        pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres")) {
      migrate(ds, "postgresql");
      assertGapFree(ds);
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

  private static void assertGapFree(DataSource ds) throws Exception {
    JdbcClient jdbc = JdbcClient.create(ds);
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
                    Long seq = tx.execute(s -> log.append(id, Change.Operation.CREATE, 1));
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
