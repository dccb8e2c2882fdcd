package org.spatialcatalog.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {

  @Test
  void createsAnIdOnFirstStartAndKeepsItAcrossRestarts(@TempDir Path dir) {
    NodeIdentity first = NodeIdentity.loadOrCreate(dir.resolve("node-a"));
    NodeIdentity again = NodeIdentity.loadOrCreate(dir.resolve("node-a"));
    NodeIdentity other = NodeIdentity.loadOrCreate(dir.resolve("node-b"));

    assertThat(first.nodeId()).startsWith("node-").isEqualTo(again.nodeId());
    assertThat(other.nodeId()).isNotEqualTo(first.nodeId());
    assertThat(Files.exists(dir.resolve("node-a/cluster-config/node.properties"))).isTrue();
    assertThat(first.indexDir()).isEqualTo(dir.resolve("node-a/index"));
  }

  @Test
  void clusterNameRejectsCharactersThatWouldBreakDestinationNames() {
    assertThat(new ClusterName("catalog-prod").value()).isEqualTo("catalog-prod");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClusterName("a.b"))
        .hasMessageContaining("a.b");
  }
}
