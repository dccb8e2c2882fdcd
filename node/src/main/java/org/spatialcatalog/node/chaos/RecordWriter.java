package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * One writer of the workload: creates, updates and deletes its own records (uuids {@code
 * chaos-w<writer>-<n>}) on random nodes, one operation at a time, and logs each with its outcome. A
 * few creates are invalid on purpose (no title), so "refused means absent" is tested with
 * certainty.
 */
final class RecordWriter implements Runnable {

  static final String KEYWORD = "ChaosWrite";

  private final int writer;
  private final ChaosCluster cluster;
  private final History history;
  private final Random random;
  private final BooleanSupplier running;
  private final List<String> live = new ArrayList<>();
  private int created;
  private int edits;
  private boolean unreachable;

  RecordWriter(
      int writer, ChaosCluster cluster, History history, long seed, BooleanSupplier running) {
    this.writer = writer;
    this.cluster = cluster;
    this.history = history;
    this.random = new Random(seed);
    this.running = running;
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      double draw = random.nextDouble();
      int node = 1 + random.nextInt(cluster.size());
      try {
        if (live.size() < 5 || draw < 0.35) {
          create(node, random.nextInt(30) == 0);
        } else if (draw < 0.8) {
          update(node, live.get(random.nextInt(live.size())));
        } else {
          delete(node, live.remove(random.nextInt(live.size())));
        }
        // A node that is down refuses connections at once: do not spin on it.
        Thread.sleep(unreachable ? 1000 : 50 + random.nextInt(100));
        unreachable = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String xml(String uuid, String title) {
    return SampleRecords.iso19139(
        uuid,
        title,
        "Written by the chaos workload",
        List.of(KEYWORD),
        new Bbox(5, 45, 6, 46),
        Instant.parse("2026-06-01T00:00:00Z"));
  }

  private void create(int node, boolean invalid) throws InterruptedException {
    String uuid = "chaos-w" + writer + "-" + (++created);
    String title = "Chaos write " + uuid + " edit " + (++edits);
    String body = xml(uuid, title);
    if (invalid) {
      body = body.replaceAll("(?s)<gmd:title>.*?</gmd:title>", "");
    }
    try {
      CatalogClient.Response r = cluster.client(node).post("/api/records", body);
      History.Outcome outcome = History.outcome(r);
      long version =
          outcome == History.Outcome.ACKNOWLEDGED ? r.json().path("version").asLong() : 0;
      history.add(
          node, "create", uuid, outcome, version, invalid ? null : title, "HTTP " + r.status());
      if (outcome != History.Outcome.REFUSED) {
        live.add(uuid);
      }
    } catch (IOException e) {
      History.Outcome outcome = History.outcome(e);
      unreachable = outcome == History.Outcome.REFUSED;
      history.add(node, "create", uuid, outcome, 0, invalid ? null : title, e.toString());
      if (outcome != History.Outcome.REFUSED) {
        live.add(uuid);
      }
    }
  }

  private void update(int node, String uuid) throws InterruptedException {
    String title = "Chaos write " + uuid + " edit " + (++edits);
    try {
      CatalogClient.Response r = cluster.client(node).put("/api/records/" + uuid, xml(uuid, title));
      History.Outcome outcome = History.outcome(r);
      long version =
          outcome == History.Outcome.ACKNOWLEDGED ? r.json().path("version").asLong() : 0;
      history.add(node, "update", uuid, outcome, version, title, "HTTP " + r.status());
      if (r.status() == 404) {
        // An earlier create or delete with an unknown outcome decided it: the record is gone.
        live.remove(uuid);
      }
    } catch (IOException e) {
      unreachable = History.outcome(e) == History.Outcome.REFUSED;
      history.add(node, "update", uuid, History.outcome(e), 0, title, e.toString());
    }
  }

  private void delete(int node, String uuid) throws InterruptedException {
    try {
      CatalogClient.Response r = cluster.client(node).delete("/api/records/" + uuid);
      history.add(node, "delete", uuid, History.outcome(r), 0, null, "HTTP " + r.status());
    } catch (IOException e) {
      unreachable = History.outcome(e) == History.Outcome.REFUSED;
      history.add(node, "delete", uuid, History.outcome(e), 0, null, e.toString());
    }
  }
}
