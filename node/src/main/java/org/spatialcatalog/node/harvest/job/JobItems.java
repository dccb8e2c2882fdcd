package org.spatialcatalog.node.harvest.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.node.sql.Placeholders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-record reliable queue of a job: each batch of a page is registered as PROCESSING
 * (committed) before its import, and each of its records ends PROCESSED, SKIPPED or FAILED in the
 * import's own transaction. After a crash, records left in PROCESSING (or TODO, written by earlier
 * versions before a batch's import) are retried; the import is keyed on the source, so a retry
 * never imports twice.
 *
 * <p>Every write checks the job's fencing token in the same transaction (through the job row's
 * counters), so a node that lost the job writes nothing more for it.
 */
@Component
public class JobItems {

  public static final String TODO = "TODO";
  public static final String PROCESSING = "PROCESSING";
  static final String PROCESSED = "PROCESSED";
  static final String SKIPPED = "SKIPPED";
  static final String FAILED = "FAILED";

  /** The job of a lookup of a batch's keys, which index (item_key, job_id) must serve. */
  private static final String OF_JOB = Placeholders.unindexedEquals("job_id");

  /** A record of a page that cannot be imported, with where it was and why. */
  public record Failed(String key, String position, String reason) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate tx;
  private final Clock clock;

  JobItems(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.tx = tx;
    this.clock = clock;
  }

  /** What {@link #register} found: the keys still to import, and how many keys it had seen. */
  public record Registered(Set<String> pending, int alreadySeen) {}

  /**
   * Registers a batch of a page and claims it for import, in one committed transaction: keys this
   * job has not seen become PROCESSING, failed records FAILED (with their failure), and keys left
   * TODO by an earlier version become PROCESSING. Returns the keys that still need an import
   * (PROCESSING), so a page read again after a crash only retries what was not finished, and how
   * many of the distinct keys (failed ones included) the job had already seen.
   */
  public Registered register(String jobId, long token, List<String> keys, List<Failed> failed) {
    return tx.execute(
        status -> {
          // Failed keys too: a page read again after a resume carries the same failures, and
          // their rows from the first reading must be found, not inserted twice.
          List<String> all = new ArrayList<>(keys);
          failed.forEach(f -> all.add(f.key()));
          Map<String, String> known = states(jobId, all);
          int alreadySeen = known.size();
          Set<String> pending = new LinkedHashSet<>();
          List<String> leftTodo = new ArrayList<>();
          List<Object[]> rows = new ArrayList<>();
          for (String key : keys) {
            String state = known.get(key);
            if (state == null) {
              rows.add(new Object[] {jobId, key, PROCESSING});
              known.put(key, PROCESSING);
              pending.add(key);
            } else if (TODO.equals(state)) {
              leftTodo.add(key);
              pending.add(key);
            } else if (PROCESSING.equals(state)) {
              pending.add(key);
            }
          }
          List<Failed> newFailures = new ArrayList<>();
          for (Failed f : failed) {
            if (!known.containsKey(f.key())) {
              rows.add(new Object[] {jobId, f.key(), FAILED});
              known.put(f.key(), FAILED);
              newFailures.add(f);
            }
          }
          count(jobId, token, 0, newFailures.size(), 0, 0);
          for (int from = 0; from < rows.size(); from += 200) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + 200));
            List<Object> params = new ArrayList<>(chunk.size() * 3);
            chunk.forEach(r -> params.addAll(java.util.Arrays.asList(r)));
            jdbc.sql(
                    "INSERT INTO harvest_item (job_id, item_key, state) VALUES "
                        + Placeholders.rows(chunk.size(), 3))
                .params(params)
                .update();
          }
          setState(jobId, leftTodo, PROCESSING);
          recordFailures(jobId, newFailures);
          return new Registered(pending, alreadySeen);
        });
  }

  /**
   * Records the end of a batch's imports; call inside the import transaction, so the item states,
   * the counters and the imported records commit together.
   */
  public void complete(
      String jobId, long token, List<String> processed, List<String> skipped, List<Failed> failed) {
    count(jobId, token, processed.size(), failed.size(), skipped.size(), 0);
    setState(jobId, processed, PROCESSED);
    setState(jobId, skipped, SKIPPED);
    setState(jobId, failed.stream().map(Failed::key).toList(), FAILED);
    recordFailures(jobId, failed);
  }

  /**
   * Adds to the job's counters if {@code token} is still the job's; throws {@link
   * FencedOutException} (rolling the caller's transaction back) otherwise.
   */
  public void count(
      String jobId, long token, long processed, long failed, long skipped, long removed) {
    int updated =
        jdbc.sql(
                "UPDATE harvest_job SET processed_count = processed_count + ?,"
                    + " failed_count = failed_count + ?, skipped_count = skipped_count + ?,"
                    + " removed_count = removed_count + ? WHERE id = ? AND fencing_token = ?"
                    + " AND state = ?")
            .params(processed, failed, skipped, removed, jobId, token, JobState.RUNNING.name())
            .update();
    if (updated != 1) {
      throw new FencedOutException(jobId, token);
    }
  }

  /**
   * The harvester's linked records that this job did not see at the source, in order of remote id:
   * at most {@code limit} of those after {@code after}, or from the first when it is null. A caller
   * that passes the last id of each page reads the harvester's links once in all; starting every
   * page from the first would read again, page after page, the links already removed or seen.
   */
  public List<String> vanished(String harvesterId, String jobId, String after, int limit) {
    List<Object> params = new ArrayList<>(List.of(harvesterId));
    if (after != null) {
      params.add(after);
    }
    params.add(jobId);
    params.add(limit);
    return jdbc.sql(
            "SELECT r.remote_id FROM harvested_record r WHERE r.harvester_id = ?"
                + (after == null ? "" : " AND r.remote_id > ?")
                + " AND r.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM harvest_item i WHERE i.job_id = ?"
                + " AND i.item_key = r.remote_id) ORDER BY r.remote_id LIMIT ?")
        .params(params)
        .query(String.class)
        .list();
  }

  public long vanishedCount(String harvesterId, String jobId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM harvested_record r WHERE r.harvester_id = ?"
                + " AND r.removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM harvest_item i WHERE i.job_id = ?"
                + " AND i.item_key = r.remote_id)")
        .params(harvesterId, jobId)
        .query(Long.class)
        .single();
  }

  public long harvestedCount(String harvesterId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM harvested_record WHERE harvester_id = ?"
                + " AND removed_at IS NULL")
        .param(harvesterId)
        .query(Long.class)
        .single();
  }

  /** Remote ids of records linked to a harvester and not removed, at most limit. */
  public List<String> linkedRemoteIds(String harvesterId, int limit) {
    return jdbc.sql(
            "SELECT remote_id FROM harvested_record WHERE harvester_id = ?"
                + " AND removed_at IS NULL ORDER BY remote_id LIMIT ?")
        .params(harvesterId, limit)
        .query(String.class)
        .list();
  }

  /** Forgets which records came from a harvester; the records themselves stay. */
  public void unlinkAll(String harvesterId) {
    jdbc.sql("DELETE FROM harvested_record WHERE harvester_id = ?").param(harvesterId).update();
  }

  /** Failed records of the job whose remote id is unknown (keyed by source position). */
  public long failedWithoutRemoteId(String jobId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM harvest_item WHERE job_id = ? AND state = ?"
                + " AND item_key LIKE 'position:%'")
        .params(jobId, FAILED)
        .query(Long.class)
        .single();
  }

  /** Drops the item rows of a job that no longer needs them. */
  public void deleteAll(String jobId) {
    jdbc.sql("DELETE FROM harvest_item WHERE job_id = ?").param(jobId).update();
  }

  private Map<String, String> states(String jobId, List<String> keys) {
    Map<String, String> result = new HashMap<>();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    for (int i = 0; i < distinct.size(); i += 200) {
      List<String> chunk = distinct.subList(i, Math.min(distinct.size(), i + 200));
      List<Object> params = new ArrayList<>();
      params.add(jobId);
      params.addAll(chunk);
      jdbc.sql(
              "SELECT item_key, state FROM harvest_item WHERE "
                  + OF_JOB
                  + " AND item_key IN ("
                  + Placeholders.list(chunk.size())
                  + ")")
          .params(params)
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
          .list()
          .forEach(e -> result.put(e.getKey(), e.getValue()));
    }
    return result;
  }

  private void setState(String jobId, List<String> keys, String state) {
    if (keys.isEmpty()) {
      return;
    }
    // One statement per 200 keys rather than a JDBC batch: the H2 client sends batches one
    // statement (one round trip) at a time.
    for (int from = 0; from < keys.size(); from += 200) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 200));
      List<Object> params = new ArrayList<>(chunk.size() + 2);
      params.add(state);
      params.add(jobId);
      params.addAll(chunk);
      jdbc.sql(
              "UPDATE harvest_item SET state = ? WHERE "
                  + OF_JOB
                  + " AND item_key IN ("
                  + Placeholders.list(chunk.size())
                  + ")")
          .params(params)
          .update();
    }
  }

  private void recordFailures(String jobId, List<Failed> failures) {
    if (failures.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(Instant.now(clock));
    List<Object[]> rows = new ArrayList<>(failures.size());
    for (Failed f : failures) {
      rows.add(
          new Object[] {
            jobId,
            truncate(f.key(), 512),
            truncate(f.position(), 255),
            JobTransitions.truncate(f.reason()),
            now
          });
    }
    template.batchUpdate(
        "INSERT INTO harvest_job_failure (job_id, remote_id, source_position,"
            + " reason, at) VALUES (?, ?, ?, ?, ?)",
        rows);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
