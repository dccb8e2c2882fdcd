package db.migration.common;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.spatialcatalog.migrations.LegacyIdConversion;

/**
 * Converts the integer record ids of a database taken over from a single-node catalog to {@code
 * varchar(36)}; changes nothing on a database created by V1 (see {@link LegacyIdConversion}).
 *
 * <p>On a node the conversion has usually happened already, before the first migration after the
 * baseline; this migration records it in the history and converts databases that were baselined by
 * other means (an operator running {@code flyway baseline}).
 */
public class V4_0__Legacy_integer_ids extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    LegacyIdConversion.convert(context.getConnection());
  }
}
