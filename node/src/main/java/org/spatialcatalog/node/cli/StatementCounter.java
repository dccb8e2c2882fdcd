package org.spatialcatalog.node.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements the shared H2 database executes, for {@code bench sync}'s "statements
 * per write": unlike the rates, a count does not depend on how fast the machine is that day, so a
 * change that adds or saves a round trip on the write path shows in it at once.
 *
 * <p>It switches on H2's own statistics ({@code SET QUERY_STATISTICS TRUE}, which
 * INFORMATION_SCHEMA.QUERY_STATISTICS then lists by statement text, across every session) and reads
 * them before and after a phase. What it counts are statements, as the server sees them: {@code
 * COMMIT} is one, a connection's switch of auto-commit is not. PostgreSQL has no such count without
 * an extension, so there the counter reports nothing.
 */
final class StatementCounter implements AutoCloseable {

  /** The statement text, as H2 lists it, mapped to how often it ran. */
  record Reading(Map<String, Long> executions) {}

  private static final Pattern TABLE =
      Pattern.compile(
          "\\b(?:FROM|INTO|UPDATE)\\s+([A-Za-z_][A-Za-z_0-9.]*)", Pattern.CASE_INSENSITIVE);

  /** How many of the most frequent statements a report names. */
  static final int NAMED = 6;

  private final Connection connection;

  private StatementCounter(Connection connection) {
    this.connection = connection;
  }

  /**
   * A counter on {@code db}, which starts H2's statistics afresh; on PostgreSQL one that reports
   * nothing.
   */
  static StatementCounter start(BenchDatabase db) throws SQLException {
    if (db.kind() != BenchDatabase.Kind.h2) {
      return none();
    }
    Connection connection = db.connect();
    try (Statement s = connection.createStatement()) {
      // Enough entries that no statement of the write path is evicted by rarer ones.
      s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
      s.execute("SET QUERY_STATISTICS FALSE");
      s.execute("SET QUERY_STATISTICS TRUE");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return new StatementCounter(connection);
  }

  /** A counter that counts nothing, for callers that only wait on the cluster. */
  static StatementCounter none() {
    return new StatementCounter(null);
  }

  boolean counts() {
    return connection != null;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      connection.close();
    }
  }

  /** The counts so far (empty on PostgreSQL), without the counter's own statements. */
  Reading read() throws SQLException {
    Map<String, Long> executions = new HashMap<>();
    if (!counts()) {
      return new Reading(executions);
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
      while (rs.next()) {
        String sql = rs.getString(1);
        if (!ownStatement(sql)) {
          executions.put(sql, rs.getLong(2));
        }
      }
    }
    return new Reading(executions);
  }

  private static boolean ownStatement(String sql) {
    String upper = sql.toUpperCase(Locale.ROOT);
    return upper.contains("INFORMATION_SCHEMA.QUERY_STATISTICS")
        || upper.startsWith("SET QUERY_STATISTICS");
  }

  /**
   * "9.4 (SELECT metadata_record 2.4, COMMIT 2.0, ...)": statements executed from {@code before} to
   * {@code after} per write, and the {@link #NAMED} most frequent kinds, each per write. Kinds are
   * the statement's first word and the table it names first, so the texts of one query that differ
   * only in a list's length count as one. Empty when nothing was counted.
   */
  static String perWrite(Reading before, Reading after, int writes) {
    if (after.executions().isEmpty() || writes <= 0) {
      return "";
    }
    Map<String, Long> byKind = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : after.executions().entrySet()) {
      long ran = e.getValue() - before.executions().getOrDefault(e.getKey(), 0L);
      if (ran > 0) {
        byKind.merge(kind(e.getKey()), ran, Long::sum);
        total += ran;
      }
    }
    List<Map.Entry<String, Long>> kinds = new ArrayList<>(byKind.entrySet());
    kinds.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    List<String> named = new ArrayList<>();
    for (Map.Entry<String, Long> e : kinds.subList(0, Math.min(NAMED, kinds.size()))) {
      named.add(String.format(Locale.ROOT, "%s %.1f", e.getKey(), (double) e.getValue() / writes));
    }
    return String.format(
        Locale.ROOT, "%.1f (%s)", (double) total / writes, String.join(", ", named));
  }

  /**
   * "SELECT metadata_record", "INSERT change_log", "COMMIT": the table named first outside any
   * parentheses (a subquery in the select list is not the statement's table), else the first.
   */
  static String kind(String sql) {
    String text = sql.strip();
    int space = text.indexOf(' ');
    String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    Matcher table = TABLE.matcher(outsideParentheses(text));
    if (!table.find()) {
      table = TABLE.matcher(text);
      if (!table.find()) {
        return verb;
      }
    }
    return verb + " " + table.group(1).toLowerCase(Locale.ROOT);
  }

  /** {@code text} with every parenthesized part replaced by a space. */
  private static String outsideParentheses(String text) {
    StringBuilder outside = new StringBuilder(text.length());
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        if (depth++ == 0) {
          outside.append(' ');
        }
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        outside.append(c);
      }
    }
    return outside.toString();
  }
}
