package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyncBenchmarkTest {

  @Test
  void theMedianRoundIsTheMiddleRateWhateverTheOrder() {
    assertThat(SyncBenchmark.median(List.of(190.0, 250.0, 173.0), r -> r)).isEqualTo(190.0);
    assertThat(SyncBenchmark.median(List.of(300.0, 100.0, 200.0, 400.0, 250.0), r -> r))
        .isEqualTo(250.0);
  }

  @Test
  void ofAnEvenCountTheLowerMiddleRound() {
    assertThat(SyncBenchmark.median(List.of(400.0, 100.0, 300.0, 200.0), r -> r)).isEqualTo(200.0);
  }

  @Test
  void oneRoundIsItsOwnMedian() {
    assertThat(SyncBenchmark.median(List.of(208.0), r -> r)).isEqualTo(208.0);
  }
}
