package org.spatialcatalog.index;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the dates records carry (ISO 8601: a year, a month, a day, or a date-time with or without
 * offset; date-times without offset are UTC) as the first millisecond they denote. A value that is
 * none of these is not a date: the record keeps it as text but no date range finds it.
 */
final class PropertyDates {

  private PropertyDates() {}

  /** The first millisecond {@code text} denotes, or null when it is not a date. */
  static Long startMillis(String text) {
    String t = text.strip();
    try {
      return switch (t.length()) {
        case 4 -> Year.parse(t).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        case 7 ->
            YearMonth.parse(t).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        case 10 -> LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        default -> dateTime(t);
      };
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long dateTime(String t) {
    try {
      return OffsetDateTime.parse(t).toInstant().toEpochMilli();
    } catch (DateTimeParseException noOffset) {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }
}
