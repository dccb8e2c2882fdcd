package org.spatialcatalog.node.changelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the change log from growing forever.
 *
 * <p>An entry is deleted once (1) every live node's committed index checkpoint has passed it (live:
 * a heartbeat younger than {@code catalog.sync.node-liveness}), (2) it is older than {@code
 * catalog.sync.change-log-min-age} (default 7 days), and (3) it is not the latest DELETE entry of
 * its record: those stay as tombstones, so deletions remain visible to anything that reads the log
 * (OAI-PMH {@code deletedRecord}). Deletes run in batches of {@value #BATCH} rows, each its own
 * short transaction, so the counter row that writers lock is never touched.
 *
 * <p>Only the live node with the smallest node id prunes, so nodes do not compete for the same
 * rows; if it stops, the next one takes over at its next run. A node that was away while entries it
 * had not applied were pruned finds a gap after its checkpoint and rebuilds its index from the
 * database ({@code IndexSynchronizer}).
 */
@Component
public class ChangeLogPruner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangeLogPruner.class);
  static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final NodeIdentity identity;
  private final Clock clock;
  private final CatalogProperties.Sync settings;
  private final Counter pruned;
  private volatile ScheduledExecutorService thread;

  ChangeLogPruner(
      JdbcClient jdbc,
      NodeIdentity identity,
      Clock clock,
      CatalogProperties properties,
      MeterRegistry registry) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.clock = clock;
    this.settings = properties.sync();
    this.pruned =
        Counter.builder("catalog.changelog.pruned")
            .description("change-log entries deleted by retention")
            .register(registry);
  }

  /** One pruning run; returns the number of entries deleted (0 when another node prunes). */
  public long pruneOnce() {
    Instant now = Instant.now(clock);
    List<LiveNode> live =
        jdbc.sql("SELECT node_id, index_checkpoint FROM cluster_node WHERE heartbeat_at > ?")
            .param(Timestamp.from(now.minus(settings.nodeLiveness())))
            .query((rs, i) -> new LiveNode(rs.getString(1), rs.getLong(2)))
            .list();
    String first = live.stream().map(LiveNode::nodeId).sorted().findFirst().orElse(null);
    if (!identity.nodeId().equals(first)) {
      return 0;
    }
    long horizon = live.stream().mapToLong(LiveNode::checkpoint).min().orElse(0);
    Timestamp before = Timestamp.from(now.minus(settings.changeLogMinAge()));
    long total = 0;
    while (true) {
      int deleted =
          jdbc.sql(
                  "DELETE FROM change_log WHERE seq IN (SELECT c.seq FROM change_log c"
                      + " WHERE c.seq <= ? AND c.committed_at < ?"
                      + " AND (c.operation <> 'DELETE' OR EXISTS (SELECT 1 FROM change_log n"
                      + " WHERE n.record_id = c.record_id AND n.seq > c.seq))"
                      + " ORDER BY c.seq LIMIT "
                      + BATCH
                      + ")")
              .params(horizon, before)
              .update();
      total += deleted;
      pruned.increment(deleted);
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.info(
          "change log pruned: {} entries up to seq {} (every live node's checkpoint) older"
              + " than {}; latest DELETE entries kept as tombstones",
          total,
          horizon,
          settings.changeLogMinAge());
    }
    return total;
  }

  private record LiveNode(String nodeId, long checkpoint) {}

  private void run() {
    try {
      pruneOnce();
    } catch (RuntimeException e) {
      log.warn("change log not pruned, retrying in {}: {}", settings.pruneInterval(), e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread th = new Thread(r, "change-log-pruner");
              th.setDaemon(true);
              return th;
            });
    long every = settings.pruneInterval().toMillis();
    t.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    thread = t;
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = thread;
    thread = null;
    if (t != null) {
      t.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }
}
