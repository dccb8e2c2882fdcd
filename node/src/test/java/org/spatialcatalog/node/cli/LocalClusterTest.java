package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node's start failure carries of its log. */
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
}
