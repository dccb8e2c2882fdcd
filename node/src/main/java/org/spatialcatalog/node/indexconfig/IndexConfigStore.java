package org.spatialcatalog.node.indexconfig;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The index configuration row, as JSON, with its revision. */
@Repository
class IndexConfigStore {

  /** The stored configuration and its revision. */
  record Stored(IndexConfiguration configuration, long revision) {}

  private final JdbcClient jdbc;
  private final JsonMapper json;

  IndexConfigStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long revision() {
    return jdbc.sql("SELECT revision FROM index_config WHERE id = 1").query(Long.class).single();
  }

  Stored load() {
    return jdbc.sql("SELECT config, revision FROM index_config WHERE id = 1")
        .query(
            (rs, i) ->
                new Stored(
                    json.readValue(rs.getString(1), IndexConfiguration.class), rs.getLong(2)))
        .single();
  }

  long store(IndexConfiguration configuration) {
    jdbc.sql("UPDATE index_config SET config = ?, revision = revision + 1 WHERE id = 1")
        .param(json.writeValueAsString(configuration))
        .update();
    return revision();
  }
}
