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
}
