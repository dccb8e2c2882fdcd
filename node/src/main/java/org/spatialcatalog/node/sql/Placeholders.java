package org.spatialcatalog.node.sql;

import java.util.Collections;

/**
 * The {@code ?} lists of multi-row statements, written the same way for H2 and PostgreSQL: {@code
 * IN (?, ?, ?)} and {@code VALUES (?, ?), (?, ?)}. Callers bound the number of rows (a few hundred)
 * so a statement stays within both drivers' parameter limits.
 */
public final class Placeholders {

  private Placeholders() {}

  /** {@code ?, ?, ?}: {@code n} markers, for an {@code IN} list or one row. */
  public static String list(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a list of " + n + " markers");
    }
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  /** {@code (?, ?), (?, ?)}: {@code rows} rows of {@code columns} markers, for {@code VALUES}. */
  public static String rows(int rows, int columns) {
    if (rows < 1) {
      throw new IllegalArgumentException(rows + " rows");
    }
    return String.join(", ", Collections.nCopies(rows, "(" + list(columns) + ")"));
  }

  /**
   * {@code CONCAT(column, '') = ?}: an equality that no index can serve, beside an {@code IN} list
   * on a column that an index starts with, so that the database looks the list's keys up. The case:
   * the items of a harvest job and the links of a harvester, looked up by job or harvester and a
   * batch of keys. PostgreSQL estimates the rows of a job or harvester its statistics have not seen
   * yet (every new one, until the table is analyzed) at one, so it preferred the primary key on the
   * job or harvester alone and read all of its rows for every batch: 200 ms a batch 40,000 records
   * into a harvest (docs/benchmarks.md, eighth step). H2, given an equality on the job, reads all
   * the job's items by the primary key and filters the list's keys; and it folds {@code column ||
   * ''} back into the column, which this form was until the twenty-third step, so a harvest on H2
   * cost the square of its size. Neither database folds or indexes {@code CONCAT} ({@code
   * KeyLookupPlansTest}, {@code PlannerStatisticsPostgresIT}).
   */
  public static String unindexedEquals(String column) {
    return "CONCAT(" + column + ", '') = ?";
  }
}
