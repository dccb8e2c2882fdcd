package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.FreePorts;

/**
 * {@code catalog demo} run as a process of the built jar, with 2 nodes on free ports and a
 * temporary data directory, checked from the outside: which addresses its sockets listen on (read
 * from {@code /proc/net/tcp}), the database password, the report of a killed node and {@code
 * restart N}, and a second run on the same data. The tests share one demo and run in order: the
 * last one stops it and starts the second run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DemoIT {

  static final String ESC = "\u001b";

  @TempDir static Path dir;
  static Path data;
  static int basePort;
  static int brokerPort;
  static int dbPort;
  static Demo demo;

  /** One demo process: its console output (stdout and stderr) collected as it comes. */
  static final class Demo {
    final Process process;
    final StringBuffer output = new StringBuffer();

    Demo(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                  }
                } catch (IOException e) {
                  output.append("(output closed: ").append(e).append(")\n");
                }
              },
              "demo-output");
      reader.setDaemon(true);
      reader.start();
    }

    String output() {
      return output.toString();
    }

    void awaitLine(String text, Duration atMost) {
      awaitLine(text, 0, atMost);
    }

    /** Waits until {@code text} appears in the output after its first {@code from} characters. */
    void awaitLine(String text, int from, Duration atMost) {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                String seen = output().substring(from);
                assertThat(process.isAlive() || seen.contains(text))
                    .as("the demo exited: %s", output())
                    .isTrue();
                assertThat(seen).contains(text);
              });
    }

    void type(String line) throws IOException {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** The demo and every process it started that is still running. */
    List<ProcessHandle> tree() {
      List<ProcessHandle> all = new ArrayList<>();
      all.add(process.toHandle());
      process.descendants().forEach(all::add);
      return all;
    }
  }

  @BeforeAll
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  static void startDemo() throws Exception {
    data = dir.resolve("demo-data");
    basePort = freeBlock();
    brokerPort = freePort();
    dbPort = freePort();
    demo = start("127.0.0.1");
    demo.awaitLine("cluster ready", Duration.ofMinutes(7));
  }

  @AfterAll
  static void stopDemo() throws Exception {
    if (demo == null) {
      return;
    }
    List<ProcessHandle> tree = demo.tree();
    demo.process.destroy();
    if (!demo.process.waitFor(90, TimeUnit.SECONDS)) {
      demo.process.destroyForcibly();
    }
    // Only what this test started: the demo's own node processes, by pid.
    for (ProcessHandle p : tree) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    // The node logs outlive the temporary directory, for whoever reads a failure.
    Path logs = data.resolve("logs");
    if (Files.isDirectory(logs)) {
      Path target = Files.createDirectories(Path.of("target", "cluster-logs", "DemoIT"));
      try (DirectoryStream<Path> files = Files.newDirectoryStream(logs)) {
        for (Path log : files) {
          Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(target.resolve("demo-output.txt"), demo.output());
    }
  }

  static Demo start(String bind) throws IOException {
    List<String> command =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-jar",
            Path.of(System.getProperty("catalog.jar", "target/catalog.jar"))
                .toAbsolutePath()
                .toString(),
            "demo",
            "--nodes=2",
            "--base-port=" + basePort,
            "--broker-port=" + brokerPort,
            "--db-port=" + dbPort,
            "--data=" + data,
            "--admin-password=demo-test",
            "--bind=" + bind);
    // Not a terminal: stdout is a pipe, as when the demo's output is logged or piped.
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    // Inherited by the nodes: a quicker start on a loaded machine; nothing here needs top speed.
    builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    return new Demo(builder.start());
  }

  @Test
  @Order(1)
  void everySocketOfTheDemoListensOnLoopbackAndTheDatabaseRefusesAnEmptyPassword()
      throws Exception {
    Map<Integer, InetAddress> listening = listeningSockets(demo.tree());
    assertThat(listening)
        .as("the database, the broker and both nodes listen")
        .containsKeys(dbPort, brokerPort, basePort + 1, basePort + 2);
    assertThat(listening)
        .as("every listening socket of the demo and its nodes")
        .allSatisfy(
            (port, address) ->
                assertThat(address.getHostAddress()).as("port %d", port).isEqualTo("127.0.0.1"));

    String url = "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/catalog";
    assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Wrong user name or password");
    String password = Files.readString(data.resolve("db-password")).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);
    try (Connection c = DriverManager.getConnection(url, "sa", password)) {
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  @Order(2)
  void aKilledNodeIsReportedAndRestartNStartsItAgain() throws Exception {
    int port = basePort + 2;
    ProcessHandle node =
        demo.process
            .descendants()
            .filter(p -> commandLine(p).contains("--port=" + port))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no node process with --port=" + port));
    node.destroyForcibly(); // SIGKILL
    await().atMost(Duration.ofSeconds(30)).until(() -> !node.isAlive());

    demo.awaitLine("node 2 stopped unexpectedly", Duration.ofSeconds(60));
    assertThat(demo.output())
        .contains("type 'restart 2'")
        .contains("a node restarted by hand is not watched by this demo and keeps running");
    int before = demo.output().length();
    demo.type("restart 2");
    demo.awaitLine("node 2 ready: http://localhost:" + port, before, Duration.ofMinutes(8));
    assertThat(demo.output().substring(before)).contains("restarting node 2");
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofMinutes(2))
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(
                                    URI.create(
                                        "http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
    assertThat(
            demo.process
                .descendants()
                .filter(p -> commandLine(p).contains("--port=" + port))
                .map(ProcessHandle::pid))
        .as("a new node process")
        .hasSize(1)
        .doesNotContain(node.pid());
  }

  @Test
  @Order(3)
  void aSecondRunKeepsTheDataSaysSoAndEitherRunPrintsNoAnsiCodes() throws Exception {
    String first = demo.output();
    assertThat(first).containsPattern("loaded \\d+ sample records").doesNotContain("loaded 0 ");
    List<ProcessHandle> firstTree = demo.tree();
    demo.process.destroy(); // SIGTERM, as Ctrl-C
    await().atMost(Duration.ofMinutes(2)).until(() -> !demo.process.isAlive());
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () ->
                assertThat(firstTree)
                    .as("the demo stopped every node it started")
                    .noneMatch(ProcessHandle::isAlive));
    String stopped = demo.output();

    // Same data, another loopback address: --bind moves the database, broker and nodes.
    demo = start("127.0.0.2");
    demo.awaitLine("cluster ready", Duration.ofMinutes(7));
    String second = demo.output();
    assertThat(second)
        .contains("kept the existing data in " + data.toAbsolutePath())
        .doesNotContain("loaded 0 sample records")
        .doesNotContain("sample record not loaded")
        .contains("node 1 ready: http://127.0.0.2:" + (basePort + 1));
    Map<Integer, InetAddress> listening = listeningSockets(demo.tree());
    assertThat(listening).containsKeys(dbPort, brokerPort, basePort + 1, basePort + 2);
    assertThat(listening)
        .allSatisfy(
            (port, address) ->
                assertThat(address.getHostAddress()).as("port %d", port).isEqualTo("127.0.0.2"));

    assertThat(stopped).as("first run").doesNotContain(ESC);
    assertThat(second).as("second run").doesNotContain(ESC);
  }

  /** The command line of a process, read from /proc (NUL-separated arguments). */
  static String commandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  /**
   * Every TCP socket in LISTEN state that one of {@code processes} holds, by port: the socket
   * inodes of their open files ({@code /proc/<pid>/fd}) looked up in {@code /proc/net/tcp} and
   * {@code tcp6}.
   */
  static Map<Integer, InetAddress> listeningSockets(List<ProcessHandle> processes)
      throws IOException {
    Set<String> inodes = new HashSet<>();
    for (ProcessHandle p : processes) {
      Path fds = Path.of("/proc", String.valueOf(p.pid()), "fd");
      try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
        for (Path link : links) {
          try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // a descriptor closed while we list them
          }
        }
      } catch (IOException exited) {
        // the process exited meanwhile
      }
    }
    Map<Integer, InetAddress> listening = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String line : rows.subList(1, rows.size())) {
        String[] f = line.strip().split("\\s+");
        // f[1] local address:port in hex, f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          String[] local = f[1].split(":");
          listening.put(Integer.parseInt(local[1], 16), address(local[0]));
        }
      }
    }
    return listening;
  }

  /** An address of /proc/net/tcp: 32-bit words in host (little-endian) byte order. */
  static InetAddress address(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] bytes = new byte[raw.length];
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        bytes[word + i] = raw[word + 3 - i];
      }
    }
    try {
      // An IPv4-mapped IPv6 address comes back as the IPv4 address.
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() throws IOException {
    return FreePorts.pick();
  }

  /** A base port whose next two ports (the nodes') are free now. */
  static int freeBlock() throws IOException {
    return FreePorts.pickBlock(2) - 1;
  }
}
