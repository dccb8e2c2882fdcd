package org.spatialcatalog.node.changelog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.spatialcatalog.node.sql.Database;
import org.spatialcatalog.node.sql.Placeholders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database change log: the truth every node's index follows.
 *
 * <p>{@link #append} must run in the transaction of the change it records (transactional outbox).
 * It takes the next sequence number from the counter row under that row's lock, which is held until
 * commit: two writers therefore commit in sequence order and the log has no gaps, so a reader that
 * has seen entry {@code n} has seen every entry before it. Call it last in the transaction, so the
 * lock is held only for the commit. {@link #append} increments the counter and inserts the entry in
 * one statement (H2: {@code INSERT ... SELECT ... FROM FINAL TABLE (UPDATE ...)}, PostgreSQL:
 * {@code WITH c AS (UPDATE ... RETURNING) INSERT ...}), so the row lock spans one round trip and
 * the commit; every node of the cluster commits a change under that lock, so its length bounds the
 * cluster's write rate. {@link #appendAndCommit} shortens it further: the commit travels in the
 * same round trip as the number, so the lock is held for the database's own work only. {@link
 * #insertAndAppend} does the same for a change that is one inserted row, in one statement.
 */
@Repository
public class ChangeLog {

  /**
   * The columns of an entry, first in a query that names {@code change_log} {@code c}, as {@link
   * #entry} reads them. For a query that reads more with each entry, as the index does.
   */
  public static final String ENTRY_COLUMNS =
      "c.seq, c.record_id, c.operation, c.record_version, c.committed_at";

  private static final String INSERT =
      "INSERT INTO change_log (seq, record_id, operation, record_version, committed_at)";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final Clock clock;
  private final boolean postgres;

  public ChangeLog(JdbcClient jdbc, Clock clock, DataSource dataSource) {
    this.jdbc = jdbc;
    this.template = new JdbcTemplate(dataSource);
    this.clock = clock;
    this.postgres = Database.of(dataSource) == Database.POSTGRESQL;
  }

  /** Records a change in the current transaction and returns its sequence number. */
  @Transactional(propagation = Propagation.MANDATORY)
  public long append(String recordId, Change.Operation operation, long recordVersion) {
    Timestamp now = Timestamp.from(Instant.now(clock));
    if (postgres) {
      return jdbc.sql(
              "WITH c AS (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1"
                  + " RETURNING last_seq) "
                  + INSERT
                  + " SELECT last_seq, ?, ?, ?, ? FROM c RETURNING seq")
          .params(recordId, operation.name(), recordVersion, now)
          .query(Long.class)
          .single();
    }
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            INSERT
                + " SELECT last_seq, ?, ?, ?, ? FROM FINAL TABLE"
                + " (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1)")
        .params(recordId, operation.name(), recordVersion, now)
        .update(key, "seq");
    return java.util.Objects.requireNonNull(key.getKey(), "no sequence number returned")
        .longValue();
  }

  /**
   * Records a change and commits the caller's transaction in the same round trip, when {@code
   * status} is that transaction's own (a new transaction, not one joined); otherwise as {@link
   * #append}, the outer transaction committing later. Returns its sequence number. The caller must
   * do nothing more in that transaction: the transaction manager's own commit afterwards finds
   * nothing left to commit.
   *
   * <p>Why: with {@link #append} the counter row stays locked from the statement's answer until the
   * commit arrives, a round trip to the node and back. On a machine whose cores are all busy the
   * node's thread may wait for a core in between, and every writer of the cluster queues behind it;
   * in {@code bench sync} those queues were the bursts of late changes seen at the same moments on
   * every node (docs/benchmarks.md, seventeenth step). Here the database commits right after the
   * statement, on its own thread, before it answers (H2 runs the two statements of the text as one
   * command; PostgreSQL's driver sends both before it waits).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long appendAndCommit(
      TransactionStatus status, String recordId, Change.Operation operation, long recordVersion) {
    if (!status.isNewTransaction()) {
      return append(recordId, operation, recordVersion);
    }
    Timestamp now = Timestamp.from(Instant.now(clock));
    String numbered =
        postgres
            ? "WITH c AS (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1"
                + " RETURNING last_seq) "
                + INSERT
                + " SELECT last_seq, ?, ?, ?, ? FROM c RETURNING seq"
            : "SELECT seq FROM FINAL TABLE ("
                + INSERT
                + " SELECT last_seq, ?, ?, ?, ? FROM FINAL TABLE"
                + " (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1))";
    // execute, not executeQuery: PostgreSQL's driver counts the COMMIT's answer as a second result
    // and refuses executeQuery ("Multiple ResultSets were returned by the query").
    Long seq =
        template.execute(
            numbered + "; COMMIT",
            (PreparedStatement ps) -> {
              ps.setString(1, recordId);
              ps.setString(2, operation.name());
              ps.setLong(3, recordVersion);
              ps.setTimestamp(4, now);
              if (!ps.execute()) {
                throw new IllegalStateException("the change log's number was not returned");
              }
              try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                  throw new IllegalStateException("the change log's number was not returned");
                }
                return rs.getLong(1);
              }
            });
    return java.util.Objects.requireNonNull(seq);
  }

  /**
   * Inserts {@code row} and records the change in the log in one statement, which takes the next
   * sequence number; returns it. The statement is atomic: if the insert fails (a uuid already
   * taken), no entry is written and no number is used. Outside a transaction the database commits
   * the statement as it ends (auto-commit); inside one it joins it, as {@link #append} does.
   *
   * <p>Why: a new record written with {@link #appendAndCommit} in a transaction of its own costs
   * H2's client six round trips: switching auto-commit off, the insert, the numbered insert with
   * its {@code COMMIT}, the transaction manager's {@code COMMIT}, which finds nothing to commit,
   * and switching auto-commit back on, which sends one more {@code COMMIT} first. Here the write is
   * one round trip on H2 and on PostgreSQL, and the counter row is locked for the database's own
   * work only, as with {@link #appendAndCommit}.
   *
   * <p>On H2 the statement is an {@code INSERT} whose rows come from the two data-change tables,
   * and the number comes back as its generated key: H2 2.4 in auto-commit mode does not undo a
   * {@code SELECT} from data-change tables that fails partway (the counter would stay incremented,
   * a gap), but it does undo an {@code INSERT} (ChangeLogConcurrencyIT). PostgreSQL runs the insert
   * and the counter's update as data-modifying {@code WITH} parts of the entry's {@code INSERT}.
   */
  public long insertAndAppend(
      Insert row, String recordId, Change.Operation operation, long recordVersion) {
    List<Object> entry =
        Arrays.asList(
            recordId, operation.name(), recordVersion, Timestamp.from(Instant.now(clock)));
    List<Object> params = new ArrayList<>(row.params().size() + entry.size());
    if (postgres) {
      params.addAll(row.params());
      params.addAll(entry);
      return jdbc.sql(
              "WITH r AS ("
                  + row.sql()
                  + " RETURNING 1), c AS (UPDATE change_log_counter SET last_seq = last_seq + 1"
                  + " WHERE id = 1 RETURNING last_seq) "
                  + INSERT
                  + " SELECT c.last_seq, ?, ?, ?, ? FROM r, c RETURNING seq")
          .params(params)
          .query(Long.class)
          .single();
    }
    params.addAll(entry);
    params.addAll(row.params());
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql(
            INSERT
                + " SELECT c.last_seq, ?, ?, ?, ? FROM FINAL TABLE ("
                + row.sql()
                + ") r, FINAL TABLE"
                + " (UPDATE change_log_counter SET last_seq = last_seq + 1 WHERE id = 1) c")
        .params(params)
        .update(key, "seq");
    return java.util.Objects.requireNonNull(key.getKey(), "no sequence number returned")
        .longValue();
  }

  /**
   * An {@code INSERT ... VALUES} of one row and its parameters, for {@link #insertAndAppend};
   * {@code params} may hold nulls.
   */
  public record Insert(String sql, List<Object> params) {}

  /**
   * Records several changes in the current transaction, with consecutive sequence numbers in list
   * order, in one counter update and multi-row inserts; returns the last sequence number (or the
   * head when the list is empty). Same rules as {@link #append}: call it last.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public long appendAll(List<Pending> changes) {
    if (changes.isEmpty()) {
      return head();
    }
    String increment = "UPDATE change_log_counter SET last_seq = last_seq + ? WHERE id = 1";
    long last =
        jdbc.sql(
                postgres
                    ? increment + " RETURNING last_seq"
                    : "SELECT last_seq FROM FINAL TABLE (" + increment + ")")
            .param(changes.size())
            .query(Long.class)
            .single();
    long seq = last - changes.size() + 1;
    Timestamp now = Timestamp.from(Instant.now(clock));
    // Multi-row INSERTs: one round trip per 100 entries (the H2 client sends JDBC batches one
    // statement at a time).
    for (int from = 0; from < changes.size(); from += 100) {
      List<Pending> chunk = changes.subList(from, Math.min(changes.size(), from + 100));
      List<Object> params = new java.util.ArrayList<>(chunk.size() * 5);
      for (Pending c : chunk) {
        params.addAll(List.of(seq++, c.recordId(), c.operation().name(), c.recordVersion(), now));
      }
      jdbc.sql(INSERT + " VALUES " + Placeholders.rows(chunk.size(), 5)).params(params).update();
    }
    return last;
  }

  /** A change not yet given a sequence number, for {@link #appendAll}. */
  public record Pending(String recordId, Change.Operation operation, long recordVersion) {}

  /** Entries after {@code seq}, oldest first, at most {@code limit}. */
  public List<Change> after(long seq, int limit) {
    return jdbc.sql(
            "SELECT " + ENTRY_COLUMNS + " FROM change_log c WHERE c.seq > ? ORDER BY c.seq LIMIT ?")
        .params(seq, limit)
        .query((rs, i) -> entry(rs))
        .list();
  }

  /** The entry of the current row of a query that selects {@link #ENTRY_COLUMNS} first. */
  public static Change entry(ResultSet rs) throws SQLException {
    return new Change(
        rs.getLong(1),
        rs.getString(2),
        Change.Operation.valueOf(rs.getString(3)),
        rs.getLong(4),
        rs.getTimestamp(5).toInstant());
  }

  /** The sequence number of the newest committed entry (0 when the log is empty). */
  public long head() {
    return jdbc.sql("SELECT last_seq FROM change_log_counter WHERE id = 1")
        .query(Long.class)
        .single();
  }

  /** When the first entry after {@code seq} was committed, empty when there is none. */
  public java.util.Optional<Instant> committedAtAfter(long seq) {
    return jdbc.sql("SELECT committed_at FROM change_log WHERE seq > ? ORDER BY seq LIMIT 1")
        .param(seq)
        .query((rs, i) -> rs.getTimestamp(1).toInstant())
        .optional();
  }
}
