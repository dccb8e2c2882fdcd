package org.spatialcatalog.node.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.h2.tools.Server;
import org.spatialcatalog.messaging.CatalogBroker;
import org.spatialcatalog.node.client.CatalogClient;
import org.spatialcatalog.node.record.SampleRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./catalog demo}: a whole cluster on this machine: an ActiveMQ broker and an H2 database
 * server in this process, N nodes as separate JVMs, a few sample records. Everything listens on
 * 127.0.0.1 unless {@code --bind} says otherwise; the database gets a generated password, kept in
 * the data directory. The demo watches its nodes: when one dies it says so and offers to restart
 * it. Ctrl-C stops everything it started; running it again on the same directory keeps all data.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = CatalogVersion.class,
    showDefaultValues = true,
    sortOptions = false,
    description = "Start a local multi-node cluster with sample data.")
class DemoCommand implements Runnable {

  static final int DEFAULT_BASE_PORT = 8080;
  static final int DEFAULT_BROKER_PORT = 61616;
  static final int DEFAULT_DB_PORT = 9092;

  /** How long a node may take to answer its health check before the demo gives up on it. */
  static final Duration NODE_START = Duration.ofMinutes(10);

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes.")
  int nodes;

  @Option(
      names = "--base-port",
      defaultValue = "" + DEFAULT_BASE_PORT,
      description =
          "Node i listens on base-port + i; the broker and database ports move with"
              + " it unless given.")
  int basePort;

  @Option(
      names = "--data",
      defaultValue = "demo-data",
      description =
          "Directory of the database, broker store, node directories and logs; kept"
              + " between runs.")
  Path data;

  @Option(
      names = "--admin-password",
      defaultValue = "admin",
      description = "Password of the admin user (demo only).")
  String adminPassword;

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      description =
          "Port of the embedded ActiveMQ broker. Default: "
              + DEFAULT_BROKER_PORT
              + " + (base-port - "
              + DEFAULT_BASE_PORT
              + ").")
  Integer brokerPort;

  @Option(
      names = "--db-port",
      paramLabel = "PORT",
      description =
          "Port of the embedded H2 database server. Default: "
              + DEFAULT_DB_PORT
              + " + (base-port - "
              + DEFAULT_BASE_PORT
              + ").")
  Integer dbPort;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address the database, broker and nodes listen on; 0.0.0.0 for every" + " interface.")
  String bind;

  /** The broker port: given, or moved from its default as far as the base port moved. */
  static int brokerPort(Integer given, int basePort) {
    return given != null ? given : DEFAULT_BROKER_PORT + (basePort - DEFAULT_BASE_PORT);
  }

  static int dbPort(Integer given, int basePort) {
    return given != null ? given : DEFAULT_DB_PORT + (basePort - DEFAULT_BASE_PORT);
  }

  /** Every demo node's JVM options: a small heap, and the options for nodes sharing cores. */
  static List<String> jvmArgs() {
    List<String> args = new ArrayList<>(List.of("-Xmx512m"));
    args.addAll(LocalCluster.SHARED_CORES_JVM_ARGS);
    return args;
  }

  /**
   * Where the demo and its user reach the nodes: {@code localhost} when they listen on 127.0.0.1 or
   * on every interface, else the one address they are bound to (localhost would be refused there).
   */
  static String nodeHost(String bind) {
    return bind.equals("127.0.0.1") || bind.equals("0.0.0.0") || bind.equals("localhost")
        ? "localhost"
        : bind;
  }

  private int checkedPort(int port, String option) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "port "
              + port
              + " derived from --base-port "
              + basePort
              + " is out of range: give "
              + option
              + " explicitly");
    }
    return port;
  }

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
    boolean everyInterface = bind.equals("0.0.0.0");
    if (!everyInterface) {
      // Read once when H2 first opens a server socket.
      System.setProperty("h2.bindAddress", bind);
    }
    int dbPortUsed = checkedPort(dbPort(dbPort, basePort), "--db-port");
    int brokerPortUsed = checkedPort(brokerPort(brokerPort, basePort), "--broker-port");
    DemoDatabase database = DemoDatabase.in(dir);
    List<String> serverArgs =
        new java.util.ArrayList<>(
            List.of(
                "-tcpPort",
                String.valueOf(dbPortUsed),
                "-baseDir",
                dir.resolve("db").toString(),
                "-ifNotExists"));
    if (!bind.startsWith("127.") && !bind.equals("localhost")) {
      serverArgs.add("-tcpAllowOthers");
    }
    Server db = Server.createTcpServer(serverArgs.toArray(String[]::new)).start();
    String host = everyInterface ? "127.0.0.1" : bind;
    String dbUrl = "jdbc:h2:tcp://" + host + ":" + dbPortUsed + "/catalog";
    System.out.println(
        "database ready: "
            + dbUrl
            + " (user sa, password in "
            + database.passwordFile()
            + "; files in "
            + dir.resolve("db")
            + ")");
    CatalogBroker broker =
        CatalogBroker.start(
            dir.resolve("broker"), "tcp://" + bind + ":" + brokerPortUsed, Duration.ofDays(7));
    String brokerUrl =
        "failover:(tcp://" + host + ":" + brokerPortUsed + ")?timeout=3000&maxReconnectDelay=5000";
    System.out.println("broker ready: tcp://" + bind + ":" + brokerPortUsed);

    LocalCluster.Options options =
        new LocalCluster.Options(
            dir,
            Jar.location(),
            nodes,
            basePort,
            dbUrl,
            "sa",
            database.password(),
            brokerUrl,
            adminPassword,
            jvmArgs(),
            List.of("--bind=" + bind),
            nodeHost(bind));
    LocalCluster cluster;
    try {
      // Generous: on a busy laptop a node can take minutes to start, and Ctrl-C ends the wait.
      cluster = LocalCluster.start(options, NODE_START);
    } catch (Exception e) {
      broker.close();
      db.stop();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    NodeWatcher watcher = new NodeWatcher(cluster, System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping the cluster...");
                  watcher.stop();
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
      String nodeId = cluster.client(node.number()).json("/api/node").path("nodeId").asString();
      System.out.printf(
          "node %d ready: %s (nodeId %s, log %s)%n  restart by hand: %s%n",
          node.number(), node.baseUrl(), nodeId, node.logFile(), commandLine(node));
    }
    System.out.println(
        "  (a node restarted by hand is not watched by this demo and keeps"
            + " running after Ctrl-C; stop it yourself)");
    int loaded = 0;
    int kept = 0;
    CatalogClient first = cluster.client(1);
    for (String xml : SampleRecords.demoRecords()) {
      int status = first.post("/api/records", xml).status();
      if (status == 201) {
        loaded++;
      } else if (status == 409) {
        kept++;
      } else {
        System.err.println("sample record not loaded: HTTP " + status);
      }
    }
    System.out.println(
        sampleLine(loaded, kept, dir)
            + "; admin user 'admin', password '"
            + adminPassword
            + "' (demo only)");
    System.out.println("cluster ready");
    watcher.start();
    commands(cluster, watcher);
    stopped.await();
  }

  /** What became of the sample records, saying so when an earlier run's data was kept. */
  static String sampleLine(int loaded, int kept, Path dir) {
    if (kept == 0) {
      return "loaded " + loaded + " sample records";
    }
    return "kept the existing data in "
        + dir
        + " ("
        + kept
        + " sample records already there"
        + (loaded > 0 ? ", " + loaded + " loaded" : "")
        + ")";
  }

  /** Reads "restart N" lines from the console, on a daemon thread. */
  private static void commands(LocalCluster cluster, NodeWatcher watcher) {
    Thread reader =
        new Thread(
            () -> {
              BufferedReader in =
                  new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
              try {
                for (String line; (line = in.readLine()) != null; ) {
                  String[] words = line.strip().split("\\s+");
                  if (words.length == 2 && words[0].equals("restart") && words[1].matches("\\d+")) {
                    watcher.restart(Integer.parseInt(words[1]));
                  } else if (!line.isBlank()) {
                    System.out.println(
                        "commands: restart N (1.."
                            + cluster.nodes().size()
                            + "); Ctrl-C stops the demo");
                  }
                }
              } catch (java.io.IOException e) {
                // Console closed: nothing more to read.
              }
            },
            "demo-console");
    reader.setDaemon(true);
    reader.start();
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
