package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.node.client.CatalogClient;
import tools.jackson.databind.JsonNode;

/**
 * Reads the whole history and the quiet cluster, and checks the catalog's promises. Each check
 * passes or fails on its own and keeps at most {@link #EVIDENCE} pieces of evidence.
 */
final class Checker {

  static final int EVIDENCE = 5;

  private final ChaosCluster cluster;
  private final History history;
  private final ChaosSource source;
  private final Workload workload;

  Checker(ChaosCluster cluster, History history, ChaosSource source, Workload workload) {
    this.cluster = cluster;
    this.history = history;
    this.source = source;
    this.workload = workload;
  }

  List<Check> run(Quiescence quiet, Duration lockIdle, long workloadEndNanos)
      throws InterruptedException {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.of("the cluster became quiet after healing", quiet.problems()));
    checks.add(
        guarded(
            "acknowledged writes present at their last acknowledged or later version,"
                + " refused writes absent",
            this::writes));
    checks.add(guarded("every node's index equals the database (verify 0/0/0)", this::verify));
    checks.add(guarded("every node's checkpoint equals the change-log head", this::checkpoints));
    for (ChaosSource.Feed feed : ChaosSource.Feed.values()) {
      checks.add(
          guarded(
              "every "
                  + feed
                  + " source record exactly once, with the source's"
                  + " latest content",
              () -> harvested(feed, quiet.finalJobs().get(feed))));
    }
    checks.add(
        guarded("every harvest job ended, none RUNNING without a live lease", this::jobsEnded));
    checks.add(
        guarded("each job run by one node at a time (fencing, from the events)", this::fencing));
    checks.add(guarded("live settings identical on every node", this::settings));
    long wait = workloadEndNanos + lockIdle.plusSeconds(2).toNanos() - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000);
    }
    checks.add(guarded("no edit lock held beyond its expiry", this::locks));
    return checks;
  }

  private interface Body {
    List<String> run() throws IOException, InterruptedException;
  }

  private static Check guarded(String name, Body body) throws InterruptedException {
    try {
      List<String> violations = body.run();
      return Check.of(
          name,
          violations.size() > EVIDENCE
              ? add(
                  violations.subList(0, EVIDENCE),
                  "... " + (violations.size() - EVIDENCE) + " more")
              : violations);
    } catch (IOException | RuntimeException e) {
      return Check.of(name, List.of("could not check: " + e));
    }
  }

  private static List<String> add(List<String> list, String more) {
    List<String> out = new ArrayList<>(list);
    out.add(more);
    return out;
  }

  private List<String> writes() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    CatalogClient client = cluster.client(1);
    for (Map.Entry<String, List<History.Op>> e :
        history.byKey(List.of("create", "update", "delete")).entrySet()) {
      CatalogClient.Response r = client.get("/api/records/" + e.getKey());
      if (r.status() != 200 && r.status() != 404) {
        throw new IOException("GET /api/records/" + e.getKey() + " answered " + r.status());
      }
      String v =
          RecordCheck.violation(e.getKey(), e.getValue(), r.status() == 200 ? r.json() : null);
      if (v != null) {
        violations.add(v);
      }
    }
    return violations;
  }

  private List<String> verify() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      JsonNode v = cluster.client(i).json("/api/admin/index/verify");
      if (v.path("missing").asLong() + v.path("stale").asLong() + v.path("extra").asLong() != 0) {
        violations.add(
            "node "
                + i
                + ": missing "
                + v.path("missing")
                + " "
                + v.path("missingSample")
                + ", stale "
                + v.path("stale")
                + " "
                + v.path("staleSample")
                + ", extra "
                + v.path("extra")
                + " "
                + v.path("extraSample"));
      }
    }
    return violations;
  }

  private List<String> checkpoints() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      JsonNode n = cluster.client(i).json("/api/node");
      if (n.path("checkpoint").asLong() != n.path("dbChangeLogHead").asLong()) {
        violations.add(
            "node "
                + i
                + ": checkpoint "
                + n.path("checkpoint")
                + ", head "
                + n.path("dbChangeLogHead")
                + ", syncError "
                + n.path("syncError"));
      }
    }
    return violations;
  }

  private List<String> harvested(ChaosSource.Feed feed, String finalJob)
      throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    CatalogClient client = cluster.client(1);
    if (finalJob == null) {
      violations.add("no final run was started after the source froze");
    } else {
      JsonNode job = client.json("/api/harvest-jobs/" + finalJob);
      if (!job.path("state").asString().equals("SUCCEEDED")) {
        violations.add(
            "final run " + finalJob + " ended " + job.path("state") + ": " + job.path("error"));
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, String> titles = new HashMap<>();
    for (int from = 0; ; from += 1000) {
      JsonNode page =
          client.json(
              "/api/search?keyword=" + feed.keyword + "&size=1000&from=" + from + "&sort=title");
      for (JsonNode hit : page.path("hits")) {
        String uuid = hit.path("uuid").asString();
        seen.merge(uuid, 1, Integer::sum);
        titles.put(uuid, hit.path("title").asString());
      }
      if (page.path("hits").size() < 1000) {
        break;
      }
    }
    for (int i = 0; i < source.size(); i++) {
      String uuid = ChaosSource.uuid(feed, i);
      int count = seen.getOrDefault(uuid, 0);
      if (!ChaosSource.valid(i)) {
        if (count != 0) {
          violations.add(uuid + ": invalid at the source (no title), found " + count + " times");
        }
      } else if (count != 1) {
        violations.add(uuid + ": expected once, found " + count + " times");
      } else if (!source.title(feed, i).equals(titles.get(uuid))) {
        violations.add(
            uuid + ": expected '" + source.title(feed, i) + "', found '" + titles.get(uuid) + "'");
      }
    }
    Set<String> extra = new LinkedHashSet<>(seen.keySet());
    extra.removeIf(u -> u.startsWith(feed.uuidPrefix));
    extra.forEach(u -> violations.add(u + ": not a record of the source"));
    return violations;
  }

  private List<String> jobsEnded() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    for (JsonNode job : cluster.client(1).json("/api/harvest-jobs?limit=1000")) {
      String state = job.path("state").asString();
      if (state.equals("RUNNING") || state.equals("QUEUED")) {
        violations.add(
            "job "
                + job.path("id").asString()
                + " still "
                + state
                + " on node "
                + job.path("node")
                + ", heartbeat "
                + job.path("heartbeatAt"));
      }
    }
    return violations;
  }

  private List<String> fencing() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    CatalogClient client = cluster.client(1);
    for (JsonNode job : client.json("/api/harvest-jobs?limit=1000")) {
      String id = job.path("id").asString();
      JsonNode events = client.json("/api/harvest-jobs/" + id + "/events");
      String v = JobEvents.violation(id, events);
      if (v != null) {
        violations.add(v);
      }
    }
    return violations;
  }

  private List<String> settings() throws IOException, InterruptedException {
    Set<String> allowed = new LinkedHashSet<>();
    for (History.Op op : history.of("setting")) {
      if (op.outcome() == History.Outcome.ACKNOWLEDGED) {
        allowed.clear();
      }
      if (op.outcome() != History.Outcome.REFUSED) {
        allowed.add(op.value());
      }
    }
    // A change reaches every node within the settings poll interval (1 s): allow 15 s.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    List<String> violations;
    do {
      violations = new ArrayList<>();
      Map<String, List<Integer>> answers = new HashMap<>();
      for (int i = 1; i <= cluster.size(); i++) {
        JsonNode s = cluster.client(i).json("/api/admin/settings");
        answers.computeIfAbsent(s.toString(), k -> new ArrayList<>()).add(i);
        String site = s.path(Workload.SITE_NAME).asString();
        if (!allowed.isEmpty() && !allowed.contains(site)) {
          violations.add("node " + i + ": site.name '" + site + "', expected one of " + allowed);
        }
      }
      if (answers.size() > 1) {
        for (Map.Entry<String, List<Integer>> a : answers.entrySet()) {
          String body = a.getKey();
          String text = body.length() > 300 ? body.substring(0, 300) + "..." : body;
          violations.add("nodes " + a.getValue() + " have " + text);
        }
      }
      if (violations.isEmpty()) {
        return violations;
      }
      Thread.sleep(1000);
    } while (System.nanoTime() < deadline);
    return violations;
  }

  private List<String> locks() throws IOException, InterruptedException {
    List<String> violations = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      for (JsonNode lock : cluster.client(i).json("/api/admin/locks")) {
        violations.add("node " + i + " lists " + lock + " after every holder stopped");
      }
    }
    // Whatever a killed or abandoned session held has expired: the other editor takes each lock.
    UserHttp bob = new UserHttp(Workload.EDITORS.get(1), LockUser.PASSWORD);
    for (String record : workload.lockRecords()) {
      String url = cluster.baseUrl(1) + "/api/records/" + record + "/lock";
      int status = bob.send("POST", url, null);
      if (status != 200) {
        violations.add(
            record
                + ": lock refused to "
                + Workload.EDITORS.get(1)
                + " with HTTP "
                + status
                + " after every lock expired");
      } else {
        bob.send("DELETE", url, null);
      }
    }
    return violations;
  }
}
