package org.spatialcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.config.NodeIdentity;
import org.spatialcatalog.node.changelog.ChangeLogDatabase;

/**
 * What makes several processes one cluster without a coordinator, on a real (in-memory H2)
 * database: the site uuid set exactly once, the heartbeat lookup, and the guard against two live
 * nodes with one node id.
 */
class ClusterIdentityTest {

  @TempDir Path dir;
  ChangeLogDatabase db;
  ExecutorService pool;

  @BeforeEach
  void setUp() {
    db = new ChangeLogDatabase(dir);
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void nodesStartingAtOnceAgreeOnOneSiteUuidSetOnce() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<String>> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      SiteIdentity node = new SiteIdentity(db.jdbc);
      Callable<String> first =
          () -> {
            go.await();
            return node.siteId();
          };
      ids.add(pool.submit(first));
    }
    go.countDown();
    Set<String> seen = new java.util.HashSet<>();
    for (Future<String> f : ids) {
      seen.add(f.get());
    }
    assertThat(seen).hasSize(1);
    String site = seen.iterator().next();
    assertThat(site).isNotEqualTo(SiteIdentity.PLACEHOLDER);
    assertThat(java.util.UUID.fromString(site)).isNotNull();
    // A node started later reads it, and never changes it.
    assertThat(new SiteIdentity(db.jdbc).siteId()).isEqualTo(site);
  }

  @Test
  void theLastHeartbeatOfAKnownNodeAndNothingForAnUnknownOne() {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    beat("node-a", "host-a", 1234, at);
    assertThat(Heartbeats.last(db.jdbc, "node-a")).contains(at);
    assertThat(Heartbeats.last(db.jdbc, "node-b")).isEmpty();
  }

  @Test
  void aStaleHeartbeatOrOneOfADeadProcessOnThisHostDoesNotStopAStart() {
    NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("n1"));
    DuplicateNodeGuard guard = new DuplicateNodeGuard(db.jdbc, identity, Clock.systemUTC());
    // Nothing known: the first start of this id.
    assertThatCode(guard::check).doesNotThrowAnyException();
    // Another host's heartbeat, but older than FRESH: that node is gone.
    beat(
        identity.nodeId(),
        "elsewhere",
        42,
        Instant.now().minus(DuplicateNodeGuard.FRESH).minusSeconds(5));
    assertThatCode(guard::check).doesNotThrowAnyException();
    // A fresh heartbeat of a process of this host that no longer runs: a crash just before.
    long deadPid = deadPid();
    beat(identity.nodeId(), NodeHeartbeat.hostName(), deadPid, Instant.now());
    long started = System.nanoTime();
    assertThatCode(guard::check).doesNotThrowAnyException();
    // Decided without watching the row for a heartbeat period.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DuplicateNodeGuard.WATCH);
  }

  @Test
  void aLiveNodeBeatingWithTheSameIdStopsTheStartWithWhatToDo() throws Exception {
    NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("copied"));
    DuplicateNodeGuard guard = new DuplicateNodeGuard(db.jdbc, identity, Clock.systemUTC());
    beat(identity.nodeId(), "other-host", 77, Instant.now());
    // The other node keeps beating while the guard watches.
    Future<?> beating =
        pool.submit(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                db.jdbc
                    .sql("UPDATE cluster_node SET heartbeat_at = ? WHERE node_id = ?")
                    .params(Timestamp.from(Instant.now()), identity.nodeId())
                    .update();
                Thread.sleep(500);
              }
              return null;
            });
    try {
      assertThatThrownBy(guard::check)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(identity.nodeId())
          .hasMessageContaining("other-host")
          .hasMessageContaining("pid 77")
          .hasMessageContaining("copied")
          .hasMessageContaining("node.properties");
    } finally {
      beating.cancel(true);
    }
  }

  @Test
  void aFreshHeartbeatThatStopsAdvancingWasTheLastBeatOfAStoppedNode() {
    NodeIdentity identity = NodeIdentity.loadOrCreate(dir.resolve("n2"));
    DuplicateNodeGuard guard = new DuplicateNodeGuard(db.jdbc, identity, Clock.systemUTC());
    beat(identity.nodeId(), "other-host", 78, Instant.now());
    assertThatCode(guard::check).doesNotThrowAnyException();
  }

  private void beat(String nodeId, String host, long pid, Instant at) {
    db.jdbc.sql("DELETE FROM cluster_node WHERE node_id = ?").param(nodeId).update();
    db.jdbc
        .sql(
            "INSERT INTO cluster_node (node_id, host, http_port, pid, version, started_at,"
                + " heartbeat_at, index_checkpoint, indexed_records)"
                + " VALUES (?, ?, ?, ?, 'test', ?, ?, 0, 0)")
        .params(nodeId, host, 8081, pid, Timestamp.from(at), Timestamp.from(at))
        .update();
  }

  /** The pid of a process that has ended. */
  private static long deadPid() {
    try {
      Process p = new ProcessBuilder("true").start();
      p.waitFor();
      return p.pid();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
