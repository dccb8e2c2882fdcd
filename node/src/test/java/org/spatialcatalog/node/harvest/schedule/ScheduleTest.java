package org.spatialcatalog.node.harvest.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.springframework.scheduling.support.CronExpression;

class ScheduleTest {

  @Test
  void acceptsFiveAndSixFieldExpressionsAndNamesTheFieldOfABadOne() {
    assertThat(
            Schedule.parse("0 3 * * *")
                .next(java.time.ZonedDateTime.parse("2026-01-01T00:00:00Z"))
                .toInstant())
        .isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
    assertThat(Schedule.parse("30 0 3 * * *")).isNotNull();
    assertThat(Schedule.parse("@daily")).isNotNull();
    assertThatThrownBy(() -> Schedule.parse("every day"))
        .isInstanceOf(InvalidHarvesterException.class)
        .hasMessageStartingWith("schedule:");
  }

  @Test
  void jitterIsTheSameForAHarvesterAndSpreadsAcrossHarvesters() {
    Duration max = Duration.ofMinutes(5);
    String id = UUID.randomUUID().toString();
    assertThat(Schedule.jitter(id, max)).isEqualTo(Schedule.jitter(id, max));
    Set<Long> seconds = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      Duration j = Schedule.jitter(UUID.randomUUID().toString(), max);
      assertThat(j).isBetween(Duration.ZERO, max);
      seconds.add(j.toSeconds() / 30);
    }
    // 100 harvesters land in most of the ten 30-second buckets, not all in one.
    assertThat(seconds.size()).isGreaterThanOrEqualTo(8);
    assertThat(Schedule.jitter(id, Duration.ZERO)).isZero();
  }

  @Test
  void aRunMissedDuringDowntimeHappensOnceNotOncePerMissedTime() {
    CronExpression hourly = Schedule.parse("0 * * * *");
    Instant last = Instant.parse("2026-01-01T00:00:00Z");
    Instant now = Instant.parse("2026-01-01T10:30:00Z");
    assertThat(Schedule.latestDue(hourly, last, now, Duration.ZERO))
        .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void aRunIsNotDueBeforeItsJitterHasPassed() {
    CronExpression hourly = Schedule.parse("0 * * * *");
    Instant last = Instant.parse("2026-01-01T09:00:00Z");
    Duration jitter = Duration.ofMinutes(3);
    assertThat(Schedule.latestDue(hourly, last, Instant.parse("2026-01-01T10:02:00Z"), jitter))
        .isNull();
    assertThat(Schedule.latestDue(hourly, last, Instant.parse("2026-01-01T10:03:00Z"), jitter))
        .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    // Once claimed (last = 10:00) it is not due again before 11:00 + jitter.
    assertThat(
            Schedule.latestDue(
                hourly,
                Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T10:59:59Z"),
                jitter))
        .isNull();
  }

  @Test
  void theNextStartIsTheNextFireTimePlusTheJitter() {
    CronExpression daily = Schedule.parse("0 3 * * *");
    Duration jitter = Duration.ofSeconds(90);
    Instant last = Instant.parse("2026-01-01T03:00:00Z");
    assertThat(Schedule.nextStart(daily, last, Instant.parse("2026-01-01T12:00:00Z"), jitter))
        .isEqualTo(Instant.parse("2026-01-02T03:01:30Z"));
    // Within the jitter after the fire time the run has not started yet: still that one.
    assertThat(Schedule.nextStart(daily, last, Instant.parse("2026-01-02T03:01:00Z"), jitter))
        .isEqualTo(Instant.parse("2026-01-02T03:01:30Z"));
  }

  @Test
  void anOverdueRunIsTheNewestMissedOneNotTheOldest() {
    CronExpression hourly = Schedule.parse("0 * * * *");
    Instant last = Instant.parse("2026-01-01T00:00:00Z");
    Instant now = Instant.parse("2026-01-01T10:30:00Z");
    assertThat(Schedule.nextStart(hourly, last, now, Duration.ZERO))
        .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"))
        .isBefore(now);
  }

  @Test
  void aScheduleThatNeverFiresAgainHasNoNextStart() {
    CronExpression february30 = Schedule.parse("0 0 30 2 *");
    assertThat(
            Schedule.nextStart(
                february30,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ZERO))
        .isNull();
  }
}
