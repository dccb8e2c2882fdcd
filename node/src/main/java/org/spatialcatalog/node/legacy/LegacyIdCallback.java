package org.spatialcatalog.node.legacy;

import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.migrations.LegacyIdConversion;

/**
 * Converts legacy integer record ids before each migration, inside Flyway's lock and the
 * migration's transaction, so that every migration after the baseline (also those numbered below
 * {@code V4_0}, which may add foreign keys to {@code metadata_record.id}) sees text ids. After the
 * first conversion the check is one metadata lookup that finds nothing to do.
 */
final class LegacyIdCallback implements Callback {

  private static final Logger log = LoggerFactory.getLogger(LegacyIdCallback.class);

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try {
      List<String> converted = LegacyIdConversion.convert(context.getConnection());
      if (!converted.isEmpty()) {
        log.warn("converted legacy integer id columns to varchar(36): {}", converted);
      }
    } catch (SQLException e) {
      throw new FlywayException(
          "converting legacy integer record ids failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String getCallbackName() {
    return "legacy integer ids";
  }
}
