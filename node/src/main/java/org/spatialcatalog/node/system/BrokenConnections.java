package org.spatialcatalog.node.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool that H2's "connection is broken" (error 90067) means the connection is
 * dead. Hikari evicts on SQL states of class {@code 08} (which the PostgreSQL driver uses), but H2
 * reports a reset socket with its own code, so without this the pool keeps lending the dead
 * connection and request after request answers 503 until it is tested again.
 */
public final class BrokenConnections implements SQLExceptionOverride {

  static final int H2_CONNECTION_BROKEN = 90067;

  @java.lang.Override
  public Override adjudicate(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && (s.getErrorCode() == H2_CONNECTION_BROKEN
              || String.valueOf(H2_CONNECTION_BROKEN).equals(s.getSQLState()))) {
        return Override.MUST_EVICT;
      }
    }
    return Override.CONTINUE_EVICT;
  }
}
