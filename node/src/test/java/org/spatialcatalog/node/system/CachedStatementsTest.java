package org.spatialcatalog.node.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link CachedStatements} on a pool of H2's TCP server, as a node opens it. */
class CachedStatementsTest {

  private static final String BY_ID = "SELECT v FROM t WHERE id = ?";

  private static Server server;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() throws SQLException {
    server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    pool = new HikariDataSource();
    pool.setJdbcUrl(
        "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:cached;DB_CLOSE_DELAY=-1");
    pool.setUsername("sa");
    pool.setPassword("");
    pool.setMaximumPoolSize(2);
    new H2StatementCache().postProcessBeforeInitialization(pool, "dataSource");
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    jdbc.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    for (int i = 0; i < 300; i++) {
      jdbc.update("INSERT INTO t VALUES (?, ?)", i, "v" + i);
    }
  }

  @AfterAll
  static void stop() {
    pool.close();
    server.stop();
  }

  @Test
  void aTextPreparedAgainGetsTheSameStatementClearedWithItsOwnParameters() throws SQLException {
    try (Connection con = pool.getConnection()) {
      PreparedStatement first = con.prepareStatement(BY_ID);
      first.setInt(1, 7);
      assertThat(single(first)).isEqualTo("v7");
      PreparedStatement physical = CachedStatements.physical(first.unwrap(PreparedStatement.class));
      first.close();
      assertThat(first.isClosed()).isTrue();
      assertThatThrownBy(first::executeQuery).isInstanceOf(SQLException.class);

      PreparedStatement again = con.prepareStatement(BY_ID);
      assertThat(CachedStatements.physical(again.unwrap(PreparedStatement.class)))
          .isSameAs(physical);
      // Cleared: the first caller's parameter is gone.
      assertThatThrownBy(again::executeQuery).isInstanceOf(SQLException.class);
      again.setInt(1, 8);
      assertThat(single(again)).isEqualTo("v8");
      again.close();
    }
  }

  @Test
  void anInsertReturningGeneratedKeysIsKeptApartFromTheSameTextWithout() throws SQLException {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    jdbc.execute("CREATE TABLE g (n BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
    String insert = "INSERT INTO g (v) VALUES (?)";
    try (Connection con = pool.getConnection()) {
      PreparedStatement withKeys = con.prepareStatement(insert, new String[] {"n"});
      PreparedStatement physical =
          CachedStatements.physical(withKeys.unwrap(PreparedStatement.class));
      List<Long> keys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        PreparedStatement ps = i == 0 ? withKeys : con.prepareStatement(insert, new String[] {"n"});
        assertThat(CachedStatements.physical(ps.unwrap(PreparedStatement.class)))
            .isSameAs(physical);
        ps.setString(1, "k" + i);
        assertThat(ps.executeUpdate()).isEqualTo(1);
        try (ResultSet generated = ps.getGeneratedKeys()) {
          assertThat(generated.next()).isTrue();
          keys.add(generated.getLong(1));
        }
        ps.close();
      }
      assertThat(keys).containsExactly(1L, 2L, 3L);
      // Without the key columns, the same text is another statement, one that returns no keys.
      PreparedStatement plain = con.prepareStatement(insert);
      assertThat(CachedStatements.physical(plain.unwrap(PreparedStatement.class)))
          .isNotSameAs(physical);
      plain.close();
      assertThat(CachedStatements.keptOf(con.unwrap(Connection.class)))
          .contains(insert, insert + "\0n");
    }
    assertThat(jdbc.queryForList("SELECT v FROM g ORDER BY n", String.class))
        .containsExactly("k0", "k1", "k2");
  }

  @Test
  void everySetterAndExecuteOfAKeptStatementReachesTheDatabaseAsCalled() throws SQLException {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    jdbc.execute(
        "CREATE TABLE typed (s VARCHAR(20), l BIGINT, i INT, o VARCHAR(20), ts TIMESTAMP,"
            + " n VARCHAR(20), b BOOLEAN, d DOUBLE PRECISION)");
    String insert = "INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    Timestamp at = Timestamp.valueOf("2026-12-07 02:10:00.123");
    try (Connection con = pool.getConnection()) {
      PreparedStatement first = null;
      for (int round = 0; round < 2; round++) {
        // The second round gets the kept statement: the calls reach it, not a new one.
        PreparedStatement ps = con.prepareStatement(insert);
        PreparedStatement physical = CachedStatements.physical(ps.unwrap(PreparedStatement.class));
        if (first == null) {
          first = physical;
        }
        assertThat(physical).isSameAs(first);
        ps.setString(1, "s" + round);
        ps.setLong(2, 5_000_000_000L + round);
        ps.setInt(3, 7 + round);
        ps.setObject(4, "o" + round);
        ps.setTimestamp(5, at);
        ps.setNull(6, Types.VARCHAR);
        ps.setBoolean(7, round == 1);
        ps.setDouble(8, 2.5 + round);
        assertThat(ps.executeUpdate()).isEqualTo(1);
        assertThat((Object) ps.getWarnings()).isNull();
        ps.close();
      }
      PreparedStatement query = con.prepareStatement("SELECT * FROM typed ORDER BY s");
      assertThat(query.execute()).isTrue();
      assertThat(query.getUpdateCount()).isEqualTo(-1);
      try (ResultSet rs = query.getResultSet()) {
        for (int round = 0; round < 2; round++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("s" + round);
          assertThat(rs.getLong(2)).isEqualTo(5_000_000_000L + round);
          assertThat(rs.getInt(3)).isEqualTo(7 + round);
          assertThat(rs.getString(4)).isEqualTo("o" + round);
          assertThat(rs.getTimestamp(5)).isEqualTo(at);
          assertThat(rs.getString(6)).isNull();
          assertThat(rs.getBoolean(7)).isEqualTo(round == 1);
          assertThat(rs.getDouble(8)).isEqualTo(2.5 + round);
        }
        assertThat(rs.next()).isFalse();
      }
      query.close();
      // A call left to reflection still works on the kept statement.
      PreparedStatement byIndex = con.prepareStatement("SELECT l FROM typed WHERE i = ?");
      byIndex.setObject(1, 8, Types.INTEGER);
      assertThat(single(byIndex)).isEqualTo("5000000001");
      byIndex.close();
    }
  }

  @Test
  void aCallerThatHoldsOnToAClosedStatementNeverReachesTheNextCallersOne() throws SQLException {
    try (Connection con = pool.getConnection()) {
      PreparedStatement stale = con.prepareStatement(BY_ID).unwrap(PreparedStatement.class);
      stale.close();
      PreparedStatement next = con.prepareStatement(BY_ID);
      assertThat(CachedStatements.physical(next.unwrap(PreparedStatement.class)))
          .isSameAs(CachedStatements.physical(stale));
      next.setInt(1, 5);
      assertThat(stale.isClosed()).isTrue();
      assertThatThrownBy(() -> stale.setInt(1, 6)).isInstanceOf(SQLException.class);
      // A second close of the stale one must not hand the statement to a third caller.
      stale.close();
      PreparedStatement third = con.prepareStatement(BY_ID);
      assertThat(CachedStatements.physical(third.unwrap(PreparedStatement.class)))
          .isNotSameAs(CachedStatements.physical(stale));
      assertThat(single(next)).isEqualTo("v5");
      third.close();
      next.close();
    }
  }

  @Test
  void theSameTextInsideTheLoopOverItsOwnResultsGetsAStatementOfItsOwn() throws SQLException {
    List<String> pairs = new ArrayList<>();
    try (Connection con = pool.getConnection();
        PreparedStatement outer = con.prepareStatement(BY_ID)) {
      outer.setInt(1, 1);
      try (ResultSet rs = outer.executeQuery()) {
        while (rs.next()) {
          try (PreparedStatement inner = con.prepareStatement(BY_ID)) {
            assertThat(CachedStatements.physical(inner.unwrap(PreparedStatement.class)))
                .isNotSameAs(CachedStatements.physical(outer.unwrap(PreparedStatement.class)));
            inner.setInt(1, 2);
            pairs.add(rs.getString(1) + "/" + single(inner));
          }
        }
      }
    }
    assertThat(pairs).containsExactly("v1/v2");
  }

  @Test
  void fetchSizeAndRowLimitAreRestoredAndOtherChangesAreNotKept() throws SQLException {
    String all = "SELECT v FROM t ORDER BY id";
    try (Connection con = pool.getConnection()) {
      PreparedStatement limited = con.prepareStatement(all);
      int fetchSize = limited.getFetchSize();
      limited.setFetchSize(7);
      limited.setMaxRows(3);
      assertThat(count(limited)).isEqualTo(3);
      limited.close();
      PreparedStatement again = con.prepareStatement(all);
      assertThat(again.getFetchSize()).isEqualTo(fetchSize);
      assertThat(count(again)).isEqualTo(300);
      again.setQueryTimeout(5);
      PreparedStatement changed = CachedStatements.physical(again.unwrap(PreparedStatement.class));
      again.close();
      assertThat(changed.isClosed()).isTrue();
      try (PreparedStatement fresh = con.prepareStatement(all)) {
        assertThat(CachedStatements.physical(fresh.unwrap(PreparedStatement.class)))
            .isNotSameAs(changed);
      }
    }
  }

  @Test
  void aConnectionKeepsAtMostItsLimitAndClosesThemWhenItCloses() throws SQLException {
    Connection physicalConnection;
    PreparedStatement kept;
    try (Connection con = pool.getConnection()) {
      Connection keeping = con.unwrap(Connection.class);
      for (int i = 0; i < CachedStatements.PER_CONNECTION + 10; i++) {
        try (PreparedStatement ps = con.prepareStatement("SELECT v FROM t WHERE id = " + i)) {
          assertThat(single(ps)).isEqualTo("v" + i);
        }
      }
      assertThat(CachedStatements.keptOf(keeping))
          .hasSize(CachedStatements.PER_CONNECTION)
          .contains("SELECT v FROM t WHERE id = " + (CachedStatements.PER_CONNECTION + 9))
          .doesNotContain("SELECT v FROM t WHERE id = 0");
      PreparedStatement ps = con.prepareStatement(BY_ID);
      kept = CachedStatements.physical(ps.unwrap(PreparedStatement.class));
      ps.close();
      physicalConnection = keeping;
    }
    assertThat(kept.isClosed()).isFalse();
    // The pool closes the connection for real when it is evicted: its statements go with it.
    pool.getHikariPoolMXBean().softEvictConnections();
    await().atMost(Duration.ofSeconds(10)).until(kept::isClosed);
    assertThat(physicalConnection.isClosed()).isTrue();
  }

  @Test
  void writesThroughKeptStatementsCommitAndRollBackAsUsual() {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    for (int i = 0; i < 50; i++) {
      jdbc.update("UPDATE t SET v = ? WHERE id = ?", "w" + i, 299);
      assertThat(jdbc.queryForObject(BY_ID, String.class, 299)).isEqualTo("w" + i);
    }
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(300);
  }

  private static String single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static int count(PreparedStatement ps) throws SQLException {
    int n = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }
}
