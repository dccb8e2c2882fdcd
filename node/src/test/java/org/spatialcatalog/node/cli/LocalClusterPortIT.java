package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.FreePorts;

/**
 * A node whose port is taken between its choice and the node's start: with {@link
 * LocalCluster#ANY_FREE_PORTS} it moves to another port and starts; with a fixed base port the
 * start fails and says why. One real node of the built jar, on an H2 file, without a broker.
 */
class LocalClusterPortIT {

  @TempDir Path dir;

  @Test
  void aNodeWhosePortWasTakenMovesToAnotherFreePort() throws Exception {
    try (ServerSocket squatter = squatter()) {
      int taken = squatter.getLocalPort();
      int free = FreePorts.pick();
      Deque<Integer> ports = new ArrayDeque<>(List.of(taken, free));

      try (LocalCluster cluster =
          LocalCluster.start(
              options(LocalCluster.ANY_FREE_PORTS), Duration.ofMinutes(3), ports::pop)) {
        assertThat(cluster.node(1).port()).isEqualTo(free);
        assertThat(cluster.client(1).getPublic("/actuator/health").status()).isEqualTo(200);
        assertThat(cluster.node(1).command()).contains("--port=" + free);
        assertThat(Files.readString(cluster.node(1).logFile()))
            .contains("node not started: Port " + taken + " is already in use");
      }
      assertThat(ports).isEmpty();
    }
  }

  @Test
  void aFixedPortThatIsTakenFailsTheStartNamingThePort() throws Exception {
    try (ServerSocket squatter = squatter()) {
      int taken = squatter.getLocalPort();

      assertThatThrownBy(
              () ->
                  LocalCluster.start(
                      options(taken - 1),
                      Duration.ofMinutes(3),
                      () -> {
                        throw new IOException("a fixed base port never asks for a free one");
                      }))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("node 1 exited during start")
          .hasMessageContaining("Port " + taken + " is already in use");
    }
  }

  /**
   * A socket on a free port that closes every connection it accepts: the start's health check,
   * which asks the node's port while the node starts, gets an answer at once instead of waiting for
   * its timeout on a socket that never answers.
   */
  private static ServerSocket squatter() throws IOException {
    ServerSocket socket = new ServerSocket(FreePorts.pick());
    Thread closer =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  socket.accept().close();
                } catch (IOException closed) {
                  // the test is over
                }
              }
            },
            "squatter");
    closer.setDaemon(true);
    closer.start();
    return socket;
  }

  private LocalCluster.Options options(int basePort) {
    return new LocalCluster.Options(
        dir,
        Path.of(System.getProperty("catalog.jar", "target/catalog.jar")),
        1,
        basePort,
        "jdbc:h2:file:" + dir.resolve("db/catalog"),
        "sa",
        "",
        null,
        "port-admin",
        List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
        List.of());
  }
}
