package org.spatialcatalog.node.settings;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Live settings in the {@code catalog_setting} table, with a revision bumped on every change. */
@Repository
class SettingsStore {

  static final String REVISION = "settings.revision";

  private final JdbcClient jdbc;

  SettingsStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long revision() {
    return jdbc.sql("SELECT setting_value FROM catalog_setting WHERE setting_name = ?")
        .param(REVISION)
        .query(String.class)
        .optional()
        .map(Long::parseLong)
        .orElse(0L);
  }

  /** Every stored live setting (not the site uuid nor the revision). */
  Map<String, String> values() {
    Map<String, String> values = new HashMap<>();
    jdbc.sql("SELECT setting_name, setting_value FROM catalog_setting")
        .query(
            rs -> {
              String name = rs.getString(1);
              if (Settings.all().containsKey(name)) {
                values.put(name, rs.getString(2));
              }
            });
    return values;
  }

  /** Stores the values (null removes a key) and bumps the revision, in one transaction. */
  @Transactional
  long store(Map<String, String> changes) {
    // Taking the revision row's lock first serializes concurrent updates from several nodes.
    jdbc.sql(
            "UPDATE catalog_setting SET setting_value = CAST(CAST(setting_value AS BIGINT) + 1"
                + " AS VARCHAR(32)) WHERE setting_name = ?")
        .param(REVISION)
        .update();
    changes.forEach(
        (key, value) -> {
          if (value == null) {
            jdbc.sql("DELETE FROM catalog_setting WHERE setting_name = ?").param(key).update();
          } else if (jdbc.sql("UPDATE catalog_setting SET setting_value = ? WHERE setting_name = ?")
                  .params(value, key)
                  .update()
              == 0) {
            jdbc.sql("INSERT INTO catalog_setting (setting_name, setting_value) VALUES (?, ?)")
                .params(key, value)
                .update();
          }
        });
    return revision();
  }
}
