package org.spatialcatalog.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which late batches are logged, and what the line says. */
class SlowApplyLogTest {

  static final Instant COMMIT = Instant.parse("2026-12-05T01:04:12.600Z");

  static SlowApplyLog.Cycle cycle(long beganAfterMs) {
    return new SlowApplyLog.Cycle(COMMIT.plusMillis(beganAfterMs), 123, 187, 30, 15);
  }

  @Test
  void aBatchAppliedWithinTheLimitIsNotLogged() {
    assertThat(new SlowApplyLog().line(COMMIT, 5, cycle(10), COMMIT.plusMillis(500))).isNull();
  }

  @Test
  void aLateBatchSaysWhereItsTimeWent() {
    String line = new SlowApplyLog().line(COMMIT, 187, cycle(1180), COMMIT.plusMillis(1342));

    assertThat(line)
        .isEqualTo(
            "changes searchable late: 187 change(s), the oldest committed 1342 ms before; the"
                + " cycle began 1180 ms after that commit, read the change log with 187 record(s)"
                + " in 123 ms, built their documents in 30 ms and wrote them to the index in 15"
                + " ms");
  }

  @Test
  void atMostOneLineInTheQuietTime() {
    SlowApplyLog log = new SlowApplyLog();
    Instant first = COMMIT.plusMillis(900);

    assertThat(log.line(COMMIT, 1, cycle(800), first)).isNotNull();
    assertThat(log.line(COMMIT, 1, cycle(800), first.plus(SlowApplyLog.QUIET).minusMillis(1)))
        .isNull();
    assertThat(log.line(COMMIT, 1, cycle(800), first.plus(SlowApplyLog.QUIET))).isNotNull();
  }
}
