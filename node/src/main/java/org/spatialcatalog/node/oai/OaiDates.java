package org.spatialcatalog.node.oai;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The {@code from}/{@code until} arguments and datestamps at the two granularities the protocol
 * allows: {@code YYYY-MM-DD} and {@code YYYY-MM-DDThh:mm:ssZ}. Both bounds are inclusive at the
 * granularity given, so an {@code until} is turned into an exclusive bound one day or one second
 * later; datestamps are written truncated to the second, which keeps a record whose datestamp is
 * shown as {@code t} inside {@code from=t} and {@code until=t}.
 */
final class OaiDates {

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern SECONDS =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final DateTimeFormatter DATESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private OaiDates() {}

  /** A parsed {@code from} or {@code until}: its start and whether it was a day. */
  record Bound(Instant start, boolean day) {
    /** The first instant after this bound, for an inclusive {@code until}. */
    Instant end() {
      return start.plus(1, day ? ChronoUnit.DAYS : ChronoUnit.SECONDS);
    }
  }

  static Bound parse(String name, String value) throws OaiException {
    if (value == null) {
      return null;
    }
    try {
      if (DAY.matcher(value).matches()) {
        return new Bound(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
      }
      if (SECONDS.matcher(value).matches()) {
        return new Bound(Instant.parse(value), false);
      }
    } catch (DateTimeParseException e) {
      // falls through to the same answer as any other malformed value
    }
    throw OaiException.badArgument(
        "'" + name + "' must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ," + " was '" + value + "'");
  }

  static String format(Instant instant) {
    return DATESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
