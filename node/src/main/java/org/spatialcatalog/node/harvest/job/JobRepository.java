package org.spatialcatalog.node.harvest.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads of harvest jobs, their items, events and failures. Writes are in {@link JobTransitions}.
 */
@Repository
public class JobRepository {

  static final String COLUMNS =
      "id, harvester_id, state, trigger_kind, scheduled_for, priority, node_id, attempt,"
          + " fencing_token, lease_until, heartbeat_at, created_at, started_at, finished_at,"
          + " deadline_at, dispatched_at, cancel_requested, confirm_removal, source_cursor,"
          + " source_done, processed_count, failed_count, skipped_count, removed_count, error, note,"
          + " outcome, listing_matched, listing_from";

  private final JdbcClient jdbc;

  JobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<HarvestJob> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM harvest_job WHERE id = ?")
        .param(id)
        .query(JobRepository::map)
        .optional();
  }

  public HarvestJob get(String id) {
    return find(id).orElseThrow(() -> new HarvestJobNotFoundException(id));
  }

  /** The queued or running job of a harvester, if any. */
  public Optional<HarvestJob> active(String harvesterId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM harvest_job WHERE active_harvester_id = ?")
        .param(harvesterId)
        .query(JobRepository::map)
        .optional();
  }

  /** When the harvester's newest SUCCEEDED run started (database time). */
  public Optional<Instant> lastSuccessStarted(String harvesterId) {
    return jdbc.sql(
            "SELECT MAX(started_at) FROM harvest_job WHERE harvester_id = ?" + " AND state = ?")
        .params(harvesterId, JobState.SUCCEEDED.name())
        .query((rs, i) -> instant(rs, 1))
        .optional();
  }

  public List<HarvestJob> list(String harvesterId, JobState state, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM harvest_job WHERE 1 = 1");
    List<Object> params = new java.util.ArrayList<>();
    if (harvesterId != null) {
      sql.append(" AND harvester_id = ?");
      params.add(harvesterId);
    }
    if (state != null) {
      sql.append(" AND state = ?");
      params.add(state.name());
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(JobRepository::map).list();
  }

  public List<HarvestJob> inState(JobState state) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM harvest_job WHERE state = ?")
        .param(state.name())
        .query(JobRepository::map)
        .list();
  }

  /** Queued jobs in the order they should start: priority, then age. */
  public List<HarvestJob> queuedInOrder(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM harvest_job WHERE state = ?"
                + " ORDER BY priority DESC, created_at, id LIMIT ?")
        .params(JobState.QUEUED.name(), limit)
        .query(JobRepository::map)
        .list();
  }

  /**
   * How many of the job's records are still TODO or PROCESSING, by state; a state with none is
   * absent. The finished ones are counted on the job's row. Only the unfinished rows are read,
   * through the index on (job_id, state): at most a batch or two while the job runs, where counting
   * every state read all the job's items (130 ms at 28,000 on PostgreSQL, docs/benchmarks.md,
   * twenty-third step) for each look at the job.
   */
  public Map<String, Long> unfinishedItemCounts(String jobId) {
    Map<String, Long> counts = new java.util.HashMap<>();
    jdbc.sql(
            "SELECT state, COUNT(*) FROM harvest_item WHERE job_id = ? AND state IN (?, ?)"
                + " GROUP BY state")
        .params(jobId, JobItems.TODO, JobItems.PROCESSING)
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  public Map<JobState, Long> countsByState() {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0L);
    }
    jdbc.sql("SELECT state, COUNT(*) FROM harvest_job GROUP BY state")
        .query((rs, i) -> Map.entry(JobState.valueOf(rs.getString(1)), rs.getLong(2)))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** An entry of a job's audit trail. */
  public record Event(
      Instant at, String node, String actor, String from, String to, String reason) {}

  public List<Event> events(String jobId) {
    return jdbc.sql(
            "SELECT at, node_id, actor, from_state, to_state, reason"
                + " FROM harvest_job_event WHERE job_id = ? ORDER BY id")
        .param(jobId)
        .query(
            (rs, i) ->
                new Event(
                    instant(rs, 1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .list();
  }

  /** A record the job could not import. */
  public record Failure(String remoteId, String position, String reason, Instant at) {}

  public List<Failure> failures(String jobId, int limit) {
    return jdbc.sql(
            "SELECT remote_id, source_position, reason, at FROM harvest_job_failure"
                + " WHERE job_id = ? ORDER BY id LIMIT ?")
        .params(jobId, limit)
        .query(
            (rs, i) ->
                new Failure(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
        .list();
  }

  static HarvestJob map(ResultSet rs, int row) throws SQLException {
    return new HarvestJob(
        rs.getString("id"),
        rs.getString("harvester_id"),
        JobState.valueOf(rs.getString("state")),
        rs.getString("trigger_kind"),
        instant(rs, "scheduled_for"),
        rs.getInt("priority"),
        rs.getString("node_id"),
        rs.getInt("attempt"),
        rs.getLong("fencing_token"),
        instant(rs, "lease_until"),
        instant(rs, "heartbeat_at"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "deadline_at"),
        instant(rs, "dispatched_at"),
        rs.getBoolean("cancel_requested"),
        rs.getBoolean("confirm_removal"),
        rs.getString("source_cursor"),
        rs.getBoolean("source_done"),
        rs.getLong("processed_count"),
        rs.getLong("failed_count"),
        rs.getLong("skipped_count"),
        rs.getLong("removed_count"),
        rs.getString("error"),
        rs.getString("note"),
        rs.getString("outcome"),
        rs.getObject("listing_matched") == null ? null : rs.getLong("listing_matched"),
        rs.getString("listing_from"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
