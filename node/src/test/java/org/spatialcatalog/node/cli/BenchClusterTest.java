package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchClusterTest {

  @Test
  void severalNodesGetTheClientCompilerWithLiveCompilerThreadsAndTheCallersOptionsLast() {
    assertThat(BenchCluster.jvmArgs("-Xmx512m", 3, List.of("-XX:TieredStopAtLevel=4")))
        .containsExactly(
            "-Xmx512m",
            "-XX:-UseDynamicNumberOfCompilerThreads",
            "-XX:TieredStopAtLevel=1",
            "-XX:TieredStopAtLevel=4");
  }

  @Test
  void oneNodeKeepsTheDefaultCompilersWithLiveCompilerThreads() {
    assertThat(BenchCluster.jvmArgs("-Xmx512m", 1, List.of()))
        .containsExactly("-Xmx512m", "-XX:-UseDynamicNumberOfCompilerThreads");
  }
}
