package org.spatialcatalog.node.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Pattern;

/**
 * Reads the ISO 8601 / XML Schema date and date-time forms found in metadata into an {@link
 * Instant}.
 *
 * <p>Accepted: a date-time with or without offset or zone (UTC assumed when absent); a date with or
 * without offset (start of that day, UTC when no offset); and, because Dublin Core dates are often
 * truncated, a bare year or year-month (start of that period, UTC). Anything else is an {@link
 * InvalidRecordException} naming the field.
 */
final class DateStamps {

  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");

  private DateStamps() {}

  static Instant parse(String text, Object where) {
    String value = text.strip();
    try {
      if (value.indexOf('T') > 0) {
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                value, ZonedDateTime::from, LocalDateTime::from);
        return parsed instanceof ZonedDateTime zoned
            ? zoned.toInstant()
            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      }
      if (YEAR.matcher(value).matches()) {
        return LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (YEAR_MONTH.matcher(value).matches()) {
        return YearMonth.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      // ISO_DATE takes an optional offset ("2024-05-01+02:00", "2024-05-01Z").
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE.parse(value);
      ZoneOffset offset =
          parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
      return LocalDate.from(parsed).atStartOfDay().toInstant(offset);
    } catch (DateTimeException e) {
      throw new InvalidRecordException(
          where + " '" + value + "' is not an ISO 8601 date or date-time", e);
    }
  }
}
