package org.spatialcatalog.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;
import org.spatialcatalog.messaging.CatalogBroker;
import org.spatialcatalog.node.record.SampleRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./catalog demo}: a whole cluster on this machine: an ActiveMQ broker and an H2 database
 * server in this process, N nodes as separate JVMs, a few sample records. Ctrl-C stops
 * everything; running it again on the same directory keeps all data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local multi-node cluster with sample data.")
class DemoCommand implements Runnable {

  @Option(names = "--nodes", defaultValue = "3")
  int nodes;

  @Option(names = "--base-port", defaultValue = "8080",
      description = "Node i listens on base-port + i.")
  int basePort;

  @Option(names = "--data", defaultValue = "demo-data")
  Path data;

  @Option(names = "--admin-password", defaultValue = "admin",
      description = "Password of the admin user (demo only).")
  String adminPassword;

  @Option(names = "--broker-port", defaultValue = "61616")
  int brokerPort;

  @Option(names = "--db-port", defaultValue = "9092")
  int dbPort;

  @Override
  public void run() {
    try {
      runDemo();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.err.println("demo failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private void runDemo() throws Exception {
    QuietLogging.apply();
    Path dir = data.toAbsolutePath();
    Files.createDirectories(dir);
    Server db =
        Server.createTcpServer(
                "-tcpPort", String.valueOf(dbPort), "-baseDir", dir.resolve("db").toString(),
                "-ifNotExists")
            .start();
    String dbUrl = "jdbc:h2:tcp://localhost:" + dbPort + "/catalog";
    System.out.println("database ready: " + dbUrl + " (files in " + dir.resolve("db") + ")");
    CatalogBroker broker =
        CatalogBroker.start(
            dir.resolve("broker"), "tcp://127.0.0.1:" + brokerPort, Duration.ofDays(7));
    String brokerUrl =
        "failover:(tcp://127.0.0.1:" + brokerPort + ")?timeout=3000&maxReconnectDelay=5000";
    System.out.println("broker ready: tcp://127.0.0.1:" + brokerPort);

    LocalCluster.Options options =
        new LocalCluster.Options(dir, Jar.location(), nodes, basePort, dbUrl, "sa", "",
            brokerUrl, adminPassword, List.of("-Xmx512m"), List.of());
    LocalCluster cluster;
    try {
      cluster = LocalCluster.start(options, Duration.ofMinutes(3));
    } catch (Exception e) {
      broker.close();
      db.stop();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the cluster...");
                  try {
                    cluster.close();
                    broker.close();
                  } catch (Exception e) {
                    System.err.println("stop failed: " + e);
                  }
                  db.stop();
                  stopped.countDown();
                },
                "demo-shutdown"));

    for (NodeProcess node : cluster.nodes()) {
      String nodeId =
          cluster.client(node.number()).json("/api/node").path("nodeId").asString();
      System.out.printf(
          "node %d ready: %s (nodeId %s, log %s)%n  restart by hand: %s%n",
          node.number(), node.baseUrl(), nodeId, node.logFile(), commandLine(node));
    }
    int loaded = 0;
    CatalogClient first = cluster.client(1);
    for (String xml : SampleRecords.demoRecords()) {
      int status = first.post("/api/records", xml).status();
      if (status == 201) {
        loaded++;
      } else if (status != 409) {
        System.err.println("sample record not loaded: HTTP " + status);
      }
    }
    System.out.printf(
        "loaded %d sample records; admin user 'admin', password '%s' (demo only)%n",
        loaded, adminPassword);
    System.out.println("cluster ready");
    stopped.await();
  }

  private static String commandLine(NodeProcess node) {
    List<String> command = node.command();
    int jar = command.indexOf("-jar");
    StringBuilder line = new StringBuilder("./catalog");
    for (String arg : command.subList(jar + 2, command.size())) {
      // Quote what a shell would otherwise interpret, such as the failover URL's ( ) and &.
      line.append(' ').append(arg.matches("[A-Za-z0-9_./:=@%+,-]*") ? arg : "'" + arg + "'");
    }
    return line.toString();
  }
}
