package org.spatialcatalog.node.sql;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database a data source reaches, for the few statements that are written differently on H2
 * and PostgreSQL; asked once, by the product name the driver reports.
 */
public enum Database {
  H2,
  POSTGRESQL,
  OTHER;

  /** The database behind {@code dataSource}; opens one connection to ask. */
  public static Database of(DataSource dataSource) {
    String product;
    try {
      product =
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database the data source reaches", e);
    }
    if (product == null) {
      return OTHER;
    }
    if (product.equals("H2")) {
      return H2;
    }
    return product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : OTHER;
  }
}
