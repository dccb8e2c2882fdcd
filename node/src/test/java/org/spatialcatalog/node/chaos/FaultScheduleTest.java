package org.spatialcatalog.node.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

  @Test
  void sameSeedGivesSameScheduleAndAnotherSeedAnotherOne() {
    List<Fault> a = FaultSchedule.draw(42, 120, 3, 6);
    assertThat(FaultSchedule.draw(42, 120, 3, 6)).isEqualTo(a);
    assertThat(FaultSchedule.draw(43, 120, 3, 6)).isNotEqualTo(a);
  }

  @Test
  void faultsAreOrderedInsideTheRunAndTargetExistingNodes() {
    for (long seed = 0; seed < 200; seed++) {
      List<Fault> faults = FaultSchedule.draw(seed, 45, 3, 6);
      assertThat(faults).as("seed %d", seed).isNotEmpty();
      int previousEnd = 0;
      for (Fault f : faults) {
        assertThat(f.atSecond())
            .as("seed %d: %s", seed, f)
            .isGreaterThanOrEqualTo(previousEnd)
            .isLessThan(45 - 5);
        assertThat(f.node()).isBetween(0, 3);
        previousEnd = f.atSecond() + f.seconds();
      }
    }
  }

  @Test
  void aPausedNodeIsHeldPastItsLease() {
    for (long seed = 0; seed < 200; seed++) {
      for (Fault f : FaultSchedule.draw(seed, 300, 3, 6)) {
        if (f.kind() == Fault.Kind.PAUSE_NODE) {
          assertThat(f.seconds()).isGreaterThan(6);
          assertThat(f.node()).isPositive();
        }
      }
    }
  }

  @Test
  void aLongEnoughRunInjectsEveryKind() {
    EnumSet<Fault.Kind> seen = EnumSet.noneOf(Fault.Kind.class);
    FaultSchedule.draw(5, 300, 3, 6).forEach(f -> seen.add(f.kind()));
    assertThat(seen).containsExactlyInAnyOrder(Fault.Kind.values());
  }
}
