package org.spatialcatalog.node.cluster;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The site uuid, which identifies the whole catalog. The migrations insert {@code CHANGEME}; the
 * first node to start replaces it with a conditional update, so when several nodes start at once
 * exactly one of them sets it, and every node reads the same value. It never changes afterwards.
 */
@Component
public class SiteIdentity {

  static final String PLACEHOLDER = "CHANGEME";
  private static final Logger log = LoggerFactory.getLogger(SiteIdentity.class);

  private final JdbcClient jdbc;
  private volatile String siteId;

  public SiteIdentity(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The site uuid, set on first use if no node set it before. */
  public String siteId() {
    String id = siteId;
    if (id == null) {
      id = initialize();
      siteId = id;
    }
    return id;
  }

  private String initialize() {
    int updated =
        jdbc.sql(
                "UPDATE catalog_setting SET setting_value = ? WHERE setting_name = 'site.uuid' AND setting_value = ?")
            .params(UUID.randomUUID().toString(), PLACEHOLDER)
            .update();
    String id =
        jdbc.sql("SELECT setting_value FROM catalog_setting WHERE setting_name = 'site.uuid'")
            .query(String.class)
            .single();
    if (updated == 1) {
      log.info("site uuid set to {}", id);
    }
    return id;
  }
}
