package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * The load of a chaos run, all at once on random nodes: record writers, harvests (on demand and by
 * schedule) from the {@link ChaosSource}, source content changes, setting changes, edit locks from
 * two editors and searches. Every operation goes into the {@link History}.
 */
final class Workload {

  static final List<String> EDITORS = List.of("chaos-alice", "chaos-bob");
  static final String SITE_NAME = "site.name";

  private final ChaosCluster cluster;
  private final ChaosSource source;
  private final History history;
  private final long seed;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<ChaosSource.Feed, String> harvesters =
      new java.util.EnumMap<>(ChaosSource.Feed.class);
  private final List<String> lockRecords = new ArrayList<>();
  private final AtomicInteger settingValues = new AtomicInteger();
  private volatile boolean running;

  Workload(ChaosCluster cluster, ChaosSource source, History history, long seed) {
    this.cluster = cluster;
    this.source = source;
    this.history = history;
    this.seed = seed;
  }

  Map<ChaosSource.Feed, String> harvesters() {
    return harvesters;
  }

  List<String> lockRecords() {
    return lockRecords;
  }

  /** Creates the editors, their records and the two harvesters, on a healthy cluster. */
  void prepare() throws IOException, InterruptedException {
    CatalogClient admin = cluster.client(1);
    CatalogClient.Response group = admin.postJson("/api/groups", "{\"name\":\"chaos\"}");
    expect(group, 201, "creating the editors' group");
    long groupId = group.json().path("id").asLong();
    for (String editor : EDITORS) {
      expect(
          admin.postJson(
              "/api/users",
              "{\"username\":\""
                  + editor
                  + "\",\"password\":\""
                  + LockUser.PASSWORD
                  + "\",\"profile\":\"Editor\",\"groups\":["
                  + groupId
                  + "]}"),
          201,
          "creating user " + editor);
    }
    UserHttp alice = new UserHttp(EDITORS.get(0), LockUser.PASSWORD);
    for (int i = 1; i <= 3; i++) {
      String uuid = "chaos-lock-" + i;
      String xml =
          SampleRecords.iso19139(
              uuid,
              "Chaos lock record " + i,
              "Locked and released",
              List.of("ChaosLock"),
              new Bbox(5, 45, 6, 46),
              Instant.parse("2026-06-01T00:00:00Z"));
      if (alice.create(cluster.baseUrl(1) + "/api/records", xml) == null) {
        throw new IOException("the editor could not create lock record " + uuid);
      }
      lockRecords.add(uuid);
    }
    for (ChaosSource.Feed feed : ChaosSource.Feed.values()) {
      CatalogClient.Response r = admin.postJson("/api/harvesters", harvesterJson(feed, true));
      expect(r, 201, "creating the " + feed + " harvester");
      harvesters.put(feed, r.json().path("id").asString());
    }
  }

  /** The definition of a harvester: scheduled every 20 s while enabled. */
  String harvesterJson(ChaosSource.Feed feed, boolean enabled) {
    String type = feed == ChaosSource.Feed.OAI ? "oaipmh" : "csw";
    return "{\"name\":\"chaos-"
        + type
        + "\",\"type\":\""
        + type
        + "\",\"url\":\""
        + source.url(feed)
        + "\",\"schedule\":\"*/20 * * * * *\",\"enabled\":"
        + enabled
        + ",\"timeoutSeconds\":900}";
  }

  private static void expect(CatalogClient.Response r, int status, String what) throws IOException {
    if (r.status() != status) {
      throw new IOException(what + " answered " + r.status() + ": " + r.body());
    }
  }

  void start() {
    running = true;
    Random seeds = new Random(seed ^ 0x5DEECE66DL);
    for (int w = 1; w <= 2; w++) {
      spawn("writer-" + w, new RecordWriter(w, cluster, history, seeds.nextLong(), () -> running));
    }
    for (String editor : EDITORS) {
      spawn(
          editor,
          new LockUser(editor, cluster, history, lockRecords, seeds.nextLong(), () -> running));
    }
    spawn("settings", loop(seeds.nextLong(), 1500, this::changeSetting));
    spawn("harvest-runs", loop(seeds.nextLong(), 6000, this::runHarvester));
    spawn(
        "source-changes",
        loop(
            seeds.nextLong(),
            3000,
            (r, node) -> {
              if (source.revise(r, 20) > 0) {
                history.add(
                    0,
                    "source-change",
                    "20 records",
                    History.Outcome.ACKNOWLEDGED,
                    0,
                    null,
                    "revised");
              }
            }));
    spawn("searches", loop(seeds.nextLong(), 400, this::search));
  }

  /** Stops every load thread and waits for their last operation to end. */
  void stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join();
    }
  }

  private interface Step {
    void run(Random random, int node) throws InterruptedException;
  }

  private Runnable loop(long stepSeed, int pauseMillis, Step step) {
    Random random = new Random(stepSeed);
    return () -> {
      while (running) {
        try {
          step.run(random, 1 + random.nextInt(cluster.size()));
          Thread.sleep(pauseMillis / 2 + random.nextInt(pauseMillis));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    };
  }

  private void spawn(String name, Runnable body) {
    Thread t = new Thread(body, "chaos-" + name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  private void changeSetting(Random random, int node) throws InterruptedException {
    String value = "chaos site " + settingValues.incrementAndGet();
    try {
      int status =
          cluster
              .client(node)
              .putJson("/api/admin/settings", "{\"" + SITE_NAME + "\":\"" + value + "\"}")
              .status();
      history.add(node, "setting", value, History.outcome(status), 0, value, "HTTP " + status);
    } catch (IOException e) {
      history.add(node, "setting", value, History.outcome(e), 0, value, e.toString());
    }
  }

  private void runHarvester(Random random, int node) throws InterruptedException {
    ChaosSource.Feed feed = random.nextBoolean() ? ChaosSource.Feed.OAI : ChaosSource.Feed.CSW;
    String id = harvesters.get(feed);
    try {
      int status = cluster.client(node).post("/api/harvesters/" + id + "/run", null).status();
      // 409: a run of this harvester is already queued or running, as it should be.
      history.add(
          node, "harvest-run", feed.name(), History.outcome(status), 0, null, "HTTP " + status);
    } catch (IOException e) {
      history.add(node, "harvest-run", feed.name(), History.outcome(e), 0, null, e.toString());
    }
  }

  private void search(Random random, int node) throws InterruptedException {
    try {
      int status = cluster.client(node).getPublic("/api/search?q=chaos&size=5").status();
      history.add(node, "search", "q=chaos", History.outcome(status), 0, null, "HTTP " + status);
    } catch (IOException e) {
      history.add(node, "search", "q=chaos", History.outcome(e), 0, null, e.toString());
    }
  }
}
