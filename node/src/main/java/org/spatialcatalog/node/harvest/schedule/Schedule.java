package org.spatialcatalog.node.harvest.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.zip.CRC32;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.springframework.scheduling.support.CronExpression;

/**
 * Cron schedules of harvesters (UTC) and the deterministic jitter that spreads runs due at the same
 * time. Stateless.
 */
public final class Schedule {

  /** A harvester down for longer than this only looks this far back for its missed run. */
  private static final Duration LOOK_BACK = Duration.ofDays(400);

  private Schedule() {}

  /**
   * Parses a cron expression: six fields (with seconds), five (Unix style, seconds = 0), or a macro
   * such as {@code @daily}.
   */
  public static CronExpression parse(String expression) {
    String e = expression.trim();
    if (!e.startsWith("@") && e.split("\\s+").length == 5) {
      e = "0 " + e;
    }
    try {
      return CronExpression.parse(e);
    } catch (IllegalArgumentException bad) {
      throw new InvalidHarvesterException(
          "schedule",
          "'"
              + expression
              + "' is not a cron expression ("
              + bad.getMessage()
              + "); use 5 or 6 fields, e.g. '0 3 * * *' for 03:00 UTC every day");
    }
  }

  /**
   * The start delay of a harvester's scheduled runs: the same for every node and every run of that
   * harvester, spread evenly over {@code [0, max]} across harvesters.
   */
  public static Duration jitter(String harvesterId, Duration max) {
    if (max.isZero()) {
      return Duration.ZERO;
    }
    CRC32 crc = new CRC32();
    crc.update(harvesterId.getBytes(StandardCharsets.UTF_8));
    return Duration.ofMillis(crc.getValue() % (max.toMillis() + 1));
  }

  /**
   * The newest fire time {@code t} with {@code after < t} and {@code t + jitter <= now}, or null.
   * Older missed fire times are skipped: a run missed during downtime happens once, not once per
   * missed time.
   */
  static Instant latestDue(CronExpression cron, Instant after, Instant now, Duration jitter) {
    Instant from = after.isBefore(now.minus(LOOK_BACK)) ? now.minus(LOOK_BACK) : after;
    ZonedDateTime t = cron.next(from.atZone(ZoneOffset.UTC));
    Instant due = null;
    while (t != null && !t.toInstant().plus(jitter).isAfter(now)) {
      due = t.toInstant();
      t = cron.next(t);
    }
    return due == null ? null : due.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * When the scheduler starts the harvester's next scheduled run: the fire time it will claim next
   * plus the jitter. A run already due (its start is not after {@code now}) starts at the next
   * tick, so the answer can lie in the past; it never lies before the newest due fire time, since
   * older missed times are skipped. Null when the expression never fires again.
   *
   * @param after the newest fire time already claimed, or the harvester's creation time
   */
  public static Instant nextStart(
      CronExpression cron, Instant after, Instant now, Duration jitter) {
    Instant due = latestDue(cron, after, now, jitter);
    if (due != null) {
      return due.plus(jitter);
    }
    ZonedDateTime next = cron.next(after.atZone(ZoneOffset.UTC));
    return next == null ? null : next.toInstant().plus(jitter).truncatedTo(ChronoUnit.MILLIS);
  }
}
