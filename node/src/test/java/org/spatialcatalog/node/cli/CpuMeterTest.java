package org.spatialcatalog.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

  private static final ThreadCpu.Reading NO_THREADS = new ThreadCpu.Reading(Map.of(), Map.of());

  @Test
  void splitsTheMachinesTimePerWriteByProcess() {
    var before = new CpuMeter.Reading(1_000_000_000L, 100_000_000L, 200_000_000L, NO_THREADS);
    // 1,000 writes: the machine spent 9.6 s, the nodes 6.6 s, this JVM 3.0 s.
    var after = new CpuMeter.Reading(10_600_000_000L, 3_100_000_000L, 6_800_000_000L, NO_THREADS);

    assertThat(CpuMeter.perWrite(before, after, 1000))
        .isEqualTo("machine 9.6 ms (nodes 6.6, this JVM 3.0, other 0.0)");
  }

  @Test
  void givesMicrosecondsPerRecordForThousandsOfRecords() {
    var before = new CpuMeter.Reading(0, 0, 0, NO_THREADS);
    // 20,000 records: the machine 5.28 s, the nodes 3.0 s, this JVM 2.0 s.
    var after = new CpuMeter.Reading(5_280_000_000L, 2_000_000_000L, 3_000_000_000L, NO_THREADS);

    assertThat(CpuMeter.perRecordMicros(before, after, 20_000))
        .isEqualTo("machine 264.0 µs (nodes 150.0, this JVM 100.0, other 14.0)");
  }

  @Test
  void saysSoWhenTheMachineCannotBeRead() {
    var before = new CpuMeter.Reading(-1, 0, 0, NO_THREADS);
    var after = new CpuMeter.Reading(-1, 2_000_000_000L, 4_000_000_000L, NO_THREADS);

    assertThat(CpuMeter.perWrite(before, after, 1000))
        .isEqualTo("nodes 4.0 ms, this JVM 2.0 ms (machine not readable)");
  }

  @Test
  void nothingWrittenGivesNoFigure() {
    var reading = new CpuMeter.Reading(1, 1, 1, NO_THREADS);

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
