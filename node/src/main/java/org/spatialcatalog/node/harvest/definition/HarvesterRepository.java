package org.spatialcatalog.node.harvest.definition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JDBC access to the {@code harvester} table; options are stored as JSON text. */
@Repository
public class HarvesterRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS =
      "id, name, harvester_type, url, schedule, enabled, timeout_seconds, priority, options_json,"
          + " created_at, updated_at, last_scheduled_for";

  private final JdbcClient jdbc;

  public HarvesterRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Harvester h) {
    jdbc.sql("INSERT INTO harvester (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        .param(h.id())
        .params(definition(h))
        .params(
            Timestamp.from(h.createdAt()),
            Timestamp.from(h.updatedAt()),
            h.lastScheduledFor() == null ? null : Timestamp.from(h.lastScheduledFor()))
        .update();
  }

  public boolean update(Harvester h) {
    return jdbc.sql(
                "UPDATE harvester SET name = ?, harvester_type = ?, url = ?, schedule = ?,"
                    + " enabled = ?, timeout_seconds = ?, priority = ?, options_json = ?, updated_at = ?,"
                    + " last_scheduled_for = ? WHERE id = ?")
            .params(definition(h))
            .params(
                Timestamp.from(h.updatedAt()),
                h.lastScheduledFor() == null ? null : Timestamp.from(h.lastScheduledFor()),
                h.id())
            .update()
        == 1;
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM harvester WHERE id = ?").param(id).update() == 1;
  }

  public Optional<Harvester> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM harvester WHERE id = ?")
        .param(id)
        .query(HarvesterRepository::map)
        .optional();
  }

  public Optional<String> idOfName(String name) {
    return jdbc.sql("SELECT id FROM harvester WHERE name = ?")
        .param(name)
        .query(String.class)
        .optional();
  }

  public List<Harvester> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM harvester ORDER BY name")
        .query(HarvesterRepository::map)
        .list();
  }

  public List<Harvester> scheduled() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM harvester WHERE enabled = TRUE"
                + " AND schedule IS NOT NULL")
        .query(HarvesterRepository::map)
        .list();
  }

  /** Moves the schedule mark forward only; false if another node already claimed that time. */
  public boolean advanceSchedule(String id, Instant scheduledFor) {
    return jdbc.sql(
                "UPDATE harvester SET last_scheduled_for = ? WHERE id = ?"
                    + " AND (last_scheduled_for IS NULL OR last_scheduled_for < ?)")
            .params(Timestamp.from(scheduledFor), id, Timestamp.from(scheduledFor))
            .update()
        == 1;
  }

  /** The definition's columns from {@code name} to {@code options_json}, in table order. */
  private static Object[] definition(Harvester h) {
    return new Object[] {
      h.name(),
      h.type().id(),
      h.url(),
      h.schedule(),
      h.enabled(),
      h.timeoutSeconds(),
      h.priority(),
      JSON.writeValueAsString(h.options().toMap())
    };
  }

  private static Harvester map(ResultSet rs, int row) throws SQLException {
    String json = rs.getString("options_json");
    HarvesterType type = HarvesterType.fromId(rs.getString("harvester_type"));
    Map<String, Object> options =
        json == null || json.isBlank()
            ? Map.of()
            : JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
    Timestamp last = rs.getTimestamp("last_scheduled_for");
    return new Harvester(
        rs.getString("id"),
        rs.getString("name"),
        type,
        rs.getString("url"),
        rs.getString("schedule"),
        rs.getBoolean("enabled"),
        rs.getInt("timeout_seconds"),
        rs.getInt("priority"),
        HarvesterOptions.stored(type, options),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        last == null ? null : last.toInstant());
  }
}
