package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Heals every fault and waits until the cluster is quiet: every node running and answering, the
 * schedules off, no harvest job QUEUED or RUNNING, a last run of each harvester over the frozen
 * source ended, and every node's index caught up (lag 0, checkpoint equal to the change-log head).
 * Each step has a deadline; a step that misses it is reported, never waited on forever.
 *
 * <p>Waiting on {@code /api/node} stands in for a readiness probe: once nodes expose {@code
 * /actuator/health/readiness} (OUT_OF_SERVICE until caught up), {@link #awaitCaughtUp} should wait
 * on it instead.
 */
final class Quiescence {

  private final ChaosCluster cluster;
  private final Workload workload;
  private final ChaosSource source;
  private final List<String> problems = new ArrayList<>();
  private final List<String> steps = new ArrayList<>();
  private final Map<ChaosSource.Feed, String> finalJobs =
      new java.util.EnumMap<>(ChaosSource.Feed.class);

  Quiescence(ChaosCluster cluster, Workload workload, ChaosSource source) {
    this.cluster = cluster;
    this.workload = workload;
    this.source = source;
  }

  /** What did not settle within its deadline; empty when the cluster is quiet. */
  List<String> problems() {
    return problems;
  }

  List<String> steps() {
    return steps;
  }

  /** The job of each harvester's last run, started after the source froze. */
  Map<ChaosSource.Feed, String> finalJobs() {
    return finalJobs;
  }

  void reach() throws InterruptedException {
    long start = System.nanoTime();
    heal();
    step("healed: every proxy passes, every process runs", start);
    try {
      for (int i = 1; i <= cluster.size(); i++) {
        cluster.awaitHealthy(i, ChaosCluster.NODE_START);
      }
    } catch (IOException e) {
      problems.add(e.getMessage());
      return;
    }
    step("every node healthy", start);
    for (ChaosSource.Feed feed : ChaosSource.Feed.values()) {
      retry(
          "disable the schedule of " + feed,
          () ->
              cluster
                      .client(1)
                      .putJson(
                          "/api/harvesters/" + workload.harvesters().get(feed),
                          workload.harvesterJson(feed, false))
                      .status()
                  == 200);
    }
    if (!retry("no harvest job QUEUED or RUNNING", this::noActiveJob)) {
      return;
    }
    step("no job active", start);
    source.freeze();
    for (ChaosSource.Feed feed : ChaosSource.Feed.values()) {
      retry(
          "start the final run of " + feed,
          () -> {
            CatalogClient.Response r =
                cluster
                    .client(1)
                    .post("/api/harvesters/" + workload.harvesters().get(feed) + "/run", null);
            if (r.status() == 202) {
              finalJobs.put(feed, r.json().path("jobId").asString());
              return true;
            }
            return false;
          });
    }
    retry("the final runs ended", this::noActiveJob);
    step("final harvests ended", start);
    awaitCaughtUp();
    step("every index caught up", start);
  }

  private void step(String what, long start) {
    steps.add(String.format("%s after %.1fs", what, (System.nanoTime() - start) / 1e9));
  }

  private void heal() throws InterruptedException {
    for (FaultProxy proxy : cluster.proxies()) {
      proxy.mode(FaultProxy.Mode.PASS);
    }
    try {
      if (!cluster.broker().isAlive()) {
        cluster.startBroker();
      }
      for (int i = 1; i <= cluster.size(); i++) {
        cluster.node(i).resume();
        if (!cluster.node(i).isAlive()) {
          cluster.node(i).start();
        }
      }
    } catch (IOException e) {
      problems.add("cannot heal: " + e.getMessage());
    }
  }

  /** Every node: lag 0, checkpoint equal to the head, one head for all. */
  void awaitCaughtUp() throws InterruptedException {
    retry(
        "every node's checkpoint equals the change-log head",
        () -> {
          long head = -1;
          for (int i = 1; i <= cluster.size(); i++) {
            JsonNode node = cluster.client(i).json("/api/node");
            long h = node.path("dbChangeLogHead").asLong();
            if (node.path("lag").asLong() != 0
                || node.path("checkpoint").asLong() != h
                || (head >= 0 && h != head)) {
              return false;
            }
            head = h;
          }
          return true;
        });
  }

  private boolean noActiveJob() throws IOException, InterruptedException {
    for (JsonNode job : cluster.client(1).json("/api/harvest-jobs?limit=1000")) {
      String state = job.path("state").asString();
      if (state.equals("QUEUED") || state.equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  private interface Condition {
    boolean holds() throws IOException, InterruptedException;
  }

  /** Polls {@code condition} every second for up to 5 minutes; notes a miss as a problem. */
  private boolean retry(String what, Condition condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    String last = "never true";
    while (System.nanoTime() < deadline) {
      try {
        if (condition.holds()) {
          return true;
        }
      } catch (IOException | RuntimeException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    problems.add(what + ": not reached within 5 minutes (" + last + ")");
    return false;
  }
}
