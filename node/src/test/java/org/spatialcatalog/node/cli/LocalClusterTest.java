package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spatialcatalog.node.client.FreePorts;

/** What a node's start failure carries of its log; where free ports are chosen. */
class LocalClusterTest {

  @TempDir Path dir;

  @Test
  void aStartFailureCarriesTheEndOfTheNodesLog() throws Exception {
    Path log = dir.resolve("node-1.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

    assertThat(LocalCluster.lastLines(log, 3))
        .isEqualTo("; its last lines:\nline 98\nline 99\nline 100");
    assertThat(LocalCluster.lastLines(dir.resolve("missing.log"), 3)).isEmpty();
  }

  @Test
  void freePortsAreChosenBelowTheKernelsRangeForOutgoingConnections() throws Exception {
    int ephemeralStart = FreePorts.ephemeralStart();
    for (int i = 0; i < 20; i++) {
      int port = FreePorts.pick();
      assertThat(port).isBetween(20000, ephemeralStart - 1);
      try (java.net.ServerSocket listening = new java.net.ServerSocket(port)) {
        assertThat(listening.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
