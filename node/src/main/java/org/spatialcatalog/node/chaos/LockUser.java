package org.spatialcatalog.node.chaos;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One editor of the lock workload: takes and releases edit locks on the shared lock records on
 * random nodes, and sometimes walks away holding one (a session that dies with its node). Both
 * editors work on the same records, so each also meets the other's locks (409).
 */
final class LockUser implements Runnable {

  static final String PASSWORD = "chaos-editor-pw";

  private final String user;
  private final ChaosCluster cluster;
  private final History history;
  private final List<String> records;
  private final Random random;
  private final BooleanSupplier running;
  private final UserHttp http;

  LockUser(
      String user,
      ChaosCluster cluster,
      History history,
      List<String> records,
      long seed,
      BooleanSupplier running) {
    this.user = user;
    this.cluster = cluster;
    this.history = history;
    this.records = List.copyOf(records);
    this.random = new Random(seed);
    this.running = running;
    this.http = new UserHttp(user, PASSWORD);
  }

  @Override
  public void run() {
    while (running.getAsBoolean()) {
      int node = 1 + random.nextInt(cluster.size());
      String id = records.get(random.nextInt(records.size()));
      double draw = random.nextDouble();
      String kind = draw < 0.55 ? "lock" : draw < 0.9 ? "unlock" : null;
      try {
        if (kind != null) {
          String url = cluster.baseUrl(node) + "/api/records/" + id + "/lock";
          try {
            int status = http.send(kind.equals("lock") ? "POST" : "DELETE", url, null);
            history.add(
                node, kind, user + " " + id, History.outcome(status), 0, user, "HTTP " + status);
          } catch (IOException e) {
            history.add(node, kind, user + " " + id, History.outcome(e), 0, user, e.toString());
            // The node is down: do not spin on it.
            Thread.sleep(1000);
          }
        }
        Thread.sleep(300 + random.nextInt(500));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
