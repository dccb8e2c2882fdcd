package org.spatialcatalog.node.system;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections keep their prepared statements: {@code prepareStatement(sql)}
 * with a text this connection prepared before hands back that statement, cleared, instead of a new
 * one; so does {@code prepareStatement(sql, keyColumnNames)} with the same text and columns (an
 * insert that returns its generated keys). Closing such a statement clears it and keeps it for the
 * next caller; closing the connection closes them all.
 *
 * <p>Why: H2's client prepares every statement with a round trip to its TCP server, and Spring's
 * {@code JdbcTemplate} prepares anew for each call. On the machines this catalog is measured on, a
 * round trip through the loopback costs about as much CPU as the statement's own work (a look-up by
 * primary key: about 105 µs of CPU with a new statement each time, 55 µs with one kept, client and
 * server together; docs/benchmarks.md, sixteenth step). A kept statement that H2's server has
 * forgotten meanwhile is prepared again by H2's client itself, as for any statement an application
 * keeps. PostgreSQL's driver needs none of this: it prepares within the execute's round trip and
 * keeps server-side statements on its own.
 *
 * <p>A statement is kept only as its caller leaves it: its parameters are cleared, its open result
 * closed, its fetch size and row limit restored. One on which a caller changed anything else (a
 * query timeout, {@code setPoolable(false)}, ...) is closed for real instead. While a kept
 * statement is in use, the same text prepared again on that connection (a query inside the loop
 * over its own results) gets a statement of its own, not kept.
 */
final class CachedStatements implements DataSource {

  /** Statements kept per connection; the least recently used one beyond this is closed. */
  static final int PER_CONNECTION = 32;

  /** Setters after which a statement is not kept: {@link Kept#clear} does not restore them. */
  private static final Set<String> UNRESTORED_SETTINGS =
      Set.of(
          "setQueryTimeout",
          "setFetchDirection",
          "setEscapeProcessing",
          "setCursorName",
          "setPoolable",
          "setMaxFieldSize",
          "closeOnCompletion",
          "addBatch");

  /**
   * The constructor of the proxy class for statements, found once: {@code Proxy.newProxyInstance}
   * looks the class up on every call, and a write leases several statements.
   */
  private static final Constructor<?> LEASE_PROXY = leaseProxyConstructor();

  private final DataSource delegate;

  CachedStatements(DataSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return keeping(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return keeping(delegate.getConnection(username, password));
  }

  private static Constructor<?> leaseProxyConstructor() {
    InvocationHandler none = (proxy, method, args) -> null;
    Object sample =
        Proxy.newProxyInstance(
            CachedStatements.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            none);
    try {
      return sample.getClass().getConstructor(InvocationHandler.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Connection keeping(Connection physical) {
    return (Connection)
        Proxy.newProxyInstance(
            CachedStatements.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new KeepingConnection(physical));
  }

  /** The statement this one wraps, for tests: the same object when a statement was kept. */
  static PreparedStatement physical(PreparedStatement statement) {
    if (Proxy.isProxyClass(statement.getClass())
        && Proxy.getInvocationHandler(statement) instanceof Lease lease) {
      return lease.kept.physical;
    }
    return statement;
  }

  /**
   * A connection that keeps the statements prepared with {@code prepareStatement(sql)} or {@code
   * prepareStatement(sql, keyColumnNames)}.
   */
  private static final class KeepingConnection implements InvocationHandler {
    private final Connection physical;
    // In access order: the eldest entry is the least recently prepared text.
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);

    KeepingConnection(Connection physical) {
      this.physical = physical;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("prepareStatement") && args.length == 1) {
        return prepare((String) args[0], null, (Connection) proxy);
      }
      if (name.equals("prepareStatement")
          && args.length == 2
          && args[1] instanceof String[] keyColumns) {
        return prepare((String) args[0], keyColumns.clone(), (Connection) proxy);
      }
      if (name.equals("close")) {
        closeKept();
      } else if (name.equals("equals")) {
        return proxy == args[0];
      } else if (name.equals("hashCode")) {
        return System.identityHashCode(proxy);
      } else if (name.equals("unwrap") && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;
      } else if (name.equals("isWrapperFor") && ((Class<?>) args[0]).isInstance(proxy)) {
        return true;
      }
      return call(physical, method, args);
    }

    /**
     * A kept statement for {@code sql}; {@code keyColumns} (null for none) are the columns whose
     * generated values it returns, part of what is kept.
     */
    private synchronized PreparedStatement prepare(
        String sql, String[] keyColumns, Connection proxy) throws SQLException {
      String key = keyColumns == null ? sql : sql + "\0" + String.join("\0", keyColumns);
      Kept statement = kept.get(key);
      if (statement != null && statement.inUse) {
        return preparePhysical(sql, keyColumns);
      }
      if (statement == null) {
        // Only a new text can take the map beyond its limit; a reuse leaves it as it was.
        evictBeyondLimit();
        statement = new Kept(key, preparePhysical(sql, keyColumns));
        kept.put(key, statement);
      }
      statement.inUse = true;
      statement.changed = false;
      return new Lease(this, statement, proxy).proxy();
    }

    private PreparedStatement preparePhysical(String sql, String[] keyColumns) throws SQLException {
      return keyColumns == null
          ? physical.prepareStatement(sql)
          : physical.prepareStatement(sql, keyColumns);
    }

    /** Makes room for one more text, closing the least recently prepared ones not in use. */
    private void evictBeyondLimit() {
      Iterator<Kept> eldest = kept.values().iterator();
      while (kept.size() >= PER_CONNECTION && eldest.hasNext()) {
        Kept statement = eldest.next();
        if (!statement.inUse) {
          eldest.remove();
          closeQuietly(statement.physical);
        }
      }
    }

    private synchronized void changed(Kept statement) {
      statement.changed = true;
    }

    /** A kept statement closed by its caller: kept for the next one, or closed for real. */
    private synchronized void giveBack(Kept statement) {
      statement.inUse = false;
      if (statement.changed || !statement.clear()) {
        kept.remove(statement.key, statement);
        closeQuietly(statement.physical);
      }
    }

    private synchronized void closeKept() {
      List<Kept> all = new ArrayList<>(kept.values());
      kept.clear();
      for (Kept statement : all) {
        closeQuietly(statement.physical);
      }
    }
  }

  /** A statement that a connection keeps, and its state between two callers. */
  private static final class Kept {
    // The text, and the generated-key columns asked for, if any.
    private final String key;
    private final PreparedStatement physical;
    private final int fetchSize;
    private final long maxRows;
    // Written under the owning connection's lock; read there too.
    private boolean inUse;
    private boolean changed;

    Kept(String key, PreparedStatement physical) throws SQLException {
      this.key = key;
      this.physical = physical;
      this.fetchSize = physical.getFetchSize();
      this.maxRows = physical.getLargeMaxRows();
    }

    /** Leaves the statement as it was prepared; false when it could not. */
    private boolean clear() {
      try {
        ResultSet open = physical.getResultSet();
        if (open != null) {
          open.close();
        }
        physical.clearParameters();
        physical.clearWarnings();
        if (physical.getFetchSize() != fetchSize) {
          physical.setFetchSize(fetchSize);
        }
        if (physical.getLargeMaxRows() != maxRows) {
          physical.setLargeMaxRows(maxRows);
        }
        return true;
      } catch (SQLException e) {
        return false;
      }
    }
  }

  /**
   * One caller's use of a kept statement, from {@code prepareStatement} to {@code close}: each
   * caller holds a proxy of its own, so one that holds on to a statement it closed gets "closed"
   * from it, never the next caller's statement.
   */
  private static final class Lease implements InvocationHandler {
    private final KeepingConnection owner;
    private final Kept kept;
    private final Connection connection;
    private volatile boolean closed;

    Lease(KeepingConnection owner, Kept kept, Connection connection) {
      this.owner = owner;
      this.kept = kept;
      this.connection = connection;
    }

    PreparedStatement proxy() {
      try {
        return (PreparedStatement) LEASE_PROXY.newInstance(this);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make a statement's proxy", e);
      }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close":
          if (!closed) {
            closed = true;
            owner.giveBack(kept);
          }
          return null;
        case "isClosed":
          return closed || kept.physical.isClosed();
        case "getConnection":
          return connection;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "kept " + kept.physical;
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          break;
        case "isWrapperFor":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return true;
          }
          break;
        default:
          break;
      }
      if (closed) {
        throw new SQLException("the statement is closed", "HY010");
      }
      if (UNRESTORED_SETTINGS.contains(method.getName())) {
        owner.changed(kept);
      }
      Object result = direct(kept.physical, method.getName(), args);
      return result != NOT_DIRECT ? result : call(kept.physical, method, args);
    }

    /**
     * The calls a write or a look-up makes on every statement, made without reflection; {@link
     * #NOT_DIRECT} for any other, which goes through {@link Method#invoke}. Why: a write makes some
     * thirty such calls (its insert alone sets over twenty parameters), and through reflection they
     * took about 1 % of the request threads' CPU (docs/benchmarks.md, twenty-eighth step).
     */
    private static Object direct(PreparedStatement statement, String name, Object[] args)
        throws SQLException {
      int count = args == null ? 0 : args.length;
      if (count == 0) {
        return switch (name) {
          case "executeQuery" -> statement.executeQuery();
          case "executeUpdate" -> statement.executeUpdate();
          case "execute" -> statement.execute();
          case "getResultSet" -> statement.getResultSet();
          case "getUpdateCount" -> statement.getUpdateCount();
          case "getGeneratedKeys" -> statement.getGeneratedKeys();
          case "getWarnings" -> statement.getWarnings();
          default -> NOT_DIRECT;
        };
      }
      if (count != 2 || !(args[0] instanceof Integer index)) {
        return NOT_DIRECT;
      }
      Object value = args[1];
      switch (name) {
        case "setString" -> statement.setString(index, (String) value);
        case "setLong" -> statement.setLong(index, (Long) value);
        case "setInt" -> statement.setInt(index, (Integer) value);
        case "setObject" -> statement.setObject(index, value);
        case "setTimestamp" -> statement.setTimestamp(index, (java.sql.Timestamp) value);
        case "setNull" -> statement.setNull(index, (Integer) value);
        case "setBoolean" -> statement.setBoolean(index, (Boolean) value);
        case "setDouble" -> statement.setDouble(index, (Double) value);
        default -> {
          return NOT_DIRECT;
        }
      }
      return null;
    }
  }

  /** What {@link Lease#direct} answers for a call it leaves to reflection. */
  private static final Object NOT_DIRECT = new Object();

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // The connection is going or gone; the server forgets its statements with it.
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }

  /** The statement texts one connection keeps, for tests. */
  static Set<String> keptOf(Connection connection) {
    if (Proxy.isProxyClass(connection.getClass())
        && Proxy.getInvocationHandler(connection) instanceof KeepingConnection keeping) {
      synchronized (keeping) {
        return Set.copyOf(keeping.kept.keySet());
      }
    }
    return Set.of();
  }
}
