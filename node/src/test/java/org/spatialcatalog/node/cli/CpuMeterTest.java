package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

  @Test
  void splitsTheMachinesTimePerWriteByProcess() {
    var before = new CpuMeter.Reading(1_000_000_000L, 100_000_000L, 200_000_000L);
    // 1,000 writes: the machine spent 9.6 s, the nodes 6.6 s, this JVM 3.0 s.
    var after = new CpuMeter.Reading(10_600_000_000L, 3_100_000_000L, 6_800_000_000L);

    assertThat(CpuMeter.perWrite(before, after, 1000))
        .isEqualTo("machine 9.6 ms (nodes 6.6, this JVM 3.0, other 0.0)");
  }

  @Test
  void saysSoWhenTheMachineCannotBeRead() {
    var before = new CpuMeter.Reading(-1, 0, 0);
    var after = new CpuMeter.Reading(-1, 2_000_000_000L, 4_000_000_000L);

    assertThat(CpuMeter.perWrite(before, after, 1000))
        .isEqualTo("nodes 4.0 ms, this JVM 2.0 ms (machine not readable)");
  }

  @Test
  void nothingWrittenGivesNoFigure() {
    var reading = new CpuMeter.Reading(1, 1, 1);

    assertThat(CpuMeter.perWrite(reading, reading, 0)).isEmpty();
  }

  @Test
  void readingsOfThisMachineOnlyGrow() throws InterruptedException {
    CpuMeter.Reading first = CpuMeter.read();
    long spin = System.nanoTime() + 50_000_000L;
    long sum = 0;
    while (System.nanoTime() < spin) {
      sum += System.nanoTime() % 7;
    }
    CpuMeter.Reading second = CpuMeter.read();

    assertThat(sum).isNotNegative();
    assertThat(second.self()).isGreaterThan(first.self());
    assertThat(second.descendants()).isGreaterThanOrEqualTo(0);
    if (first.machine() >= 0) {
      assertThat(second.machine()).isGreaterThanOrEqualTo(first.machine());
    }
  }
}
