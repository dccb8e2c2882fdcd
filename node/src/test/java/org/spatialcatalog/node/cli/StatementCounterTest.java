package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCounterTest {

  @TempDir Path dir;

  @Test
  void aStatementsKindIsItsVerbAndTheFirstTableItNamesOutsideParentheses() {
    assertThat(StatementCounter.kind("SELECT id, uuid FROM metadata_record WHERE id = ?"))
        .isEqualTo("SELECT metadata_record");
    assertThat(
            StatementCounter.kind(
                "INSERT INTO change_log (seq, record_id) SELECT last_seq, ? FROM FINAL TABLE"
                    + " (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1)"))
        .isEqualTo("INSERT change_log");
    assertThat(StatementCounter.kind("UPDATE cluster_node SET heartbeat_at = ?"))
        .isEqualTo("UPDATE cluster_node");
    assertThat(StatementCounter.kind("COMMIT")).isEqualTo("COMMIT");
    assertThat(
            StatementCounter.kind(
                "SELECT password_hash, revision, (SELECT COUNT(*) FROM login_failure WHERE"
                    + " username = ? AND (address = ?)) FROM admin_credential WHERE id = 1"))
        .isEqualTo("SELECT admin_credential");
  }

  @Test
  void countsWhatTheH2ServerRanPerWriteWithoutItsOwnQueries() throws Exception {
    try (BenchDatabase db =
        BenchDatabase.start(BenchDatabase.Kind.h2, dir.resolve("db"), freePort())) {
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
      }
      // Opened first: a new connection's own query of H2's settings is not what is counted here.
      try (StatementCounter counter = StatementCounter.start(db);
          Connection c = db.connect()) {
        StatementCounter.Reading before = counter.read();
        // Two "writes": each one insert in a transaction and one lookup, as in autocommit.
        for (int i = 1; i <= 2; i++) {
          c.setAutoCommit(false);
          try (PreparedStatement insert = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
            insert.setInt(1, i);
            insert.setString(2, "n" + i);
            insert.executeUpdate();
          }
          c.commit();
          c.setAutoCommit(true);
          try (PreparedStatement lookup =
              c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            lookup.setInt(1, i);
            lookup.executeQuery().close();
          }
        }
        counter.read(); // the counter's own query is not counted
        String perWrite = StatementCounter.perWrite(before, counter.read(), 2);
        // Per write: the insert, the lookup and the commit; H2's client commits again when
        // auto-commit is switched back on, as Spring's transaction manager does after each commit.
        assertThat(perWrite).isEqualTo("4.0 (COMMIT 2.0, INSERT item 1.0, SELECT item 1.0)");
      }
    }
  }

  @Test
  void onlyTheDifferenceBetweenTwoReadingsCounts() {
    var before = new StatementCounter.Reading(Map.of("SELECT a FROM t", 10L, "COMMIT", 4L));
    var after =
        new StatementCounter.Reading(
            Map.of("SELECT a FROM t", 30L, "COMMIT", 14L, "SELECT b FROM t WHERE x IN (?, ?)", 5L));
    // 20 + 10 + 5 over 10 writes; the two SELECTs on t are one kind.
    assertThat(StatementCounter.perWrite(before, after, 10))
        .isEqualTo("3.5 (SELECT t 2.5, COMMIT 1.0)");
  }

  @Test
  void withoutCountsNothingIsReported() throws Exception {
    @SuppressWarnings("resource") // holds no connection
    StatementCounter none = StatementCounter.none();
    assertThat(none.counts()).isFalse();
    assertThat(StatementCounter.perWrite(none.read(), none.read(), 100)).isEmpty();
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
