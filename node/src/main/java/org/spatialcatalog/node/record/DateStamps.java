package org.spatialcatalog.node.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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
      Instant common = commonForm(value);
      return common != null ? common : byFormatter(value);
    } catch (DateTimeException e) {
      throw new InvalidRecordException(
          where + " '" + value + "' is not an ISO 8601 date or date-time", e);
    }
  }

  /**
   * The two forms nearly every record uses, read by hand: {@code yyyy-MM-dd} and {@code
   * yyyy-MM-ddTHH:mm:ss}, the latter with an optional fraction of 1 to 9 digits and an optional
   * {@code Z} or {@code ±HH:MM}. Null for any other text, which {@link #byFormatter} then reads:
   * the formatters' generic parsing was 3 % of a record write's request thread in the bench sync
   * profile. The values are checked as the formatters check them (an impossible day, hour or offset
   * throws {@link DateTimeException}); {@code DateStampsTest} compares both paths.
   */
  private static Instant commonForm(String v) {
    int n = v.length();
    if (n < 10 || !numberGroups(v, 0, 4, '-')) {
      return null;
    }
    LocalDate date = LocalDate.of(number(v, 0, 4), number(v, 5, 7), number(v, 8, 10));
    if (n == 10) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (n < 19 || v.charAt(10) != 'T' || !numberGroups(v, 11, 2, ':')) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && v.charAt(i) == '.') {
      int end = i + 1;
      while (end < n && end - i <= 9 && isDigit(v.charAt(end))) {
        end++;
      }
      if (end == i + 1 || (end < n && isDigit(v.charAt(end)))) {
        return null;
      }
      nanos = number(v, i + 1, end);
      for (int places = end - i - 1; places < 9; places++) {
        nanos *= 10;
      }
      i = end;
    }
    ZoneOffset offset;
    if (i == n || (i == n - 1 && v.charAt(i) == 'Z')) {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6
        && (v.charAt(i) == '+' || v.charAt(i) == '-')
        && digits(v, i + 1, i + 3)
        && v.charAt(i + 3) == ':'
        && digits(v, i + 4, n)) {
      int sign = v.charAt(i) == '-' ? -1 : 1;
      offset =
          ZoneOffset.ofHoursMinutes(sign * number(v, i + 1, i + 3), sign * number(v, i + 4, n));
    } else {
      return null;
    }
    LocalTime time = LocalTime.of(number(v, 11, 13), number(v, 14, 16), number(v, 17, 19), nanos);
    return LocalDateTime.of(date, time).toInstant(offset);
  }

  /** Whether {@code v} has, from {@code at}, {@code width} digits, then twice a separator and 2. */
  private static boolean numberGroups(String v, int at, int width, char separator) {
    int second = at + width + 1;
    return digits(v, at, second - 1)
        && v.charAt(second - 1) == separator
        && digits(v, second, second + 2)
        && v.charAt(second + 2) == separator
        && digits(v, second + 3, second + 5);
  }

  private static boolean digits(String v, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** ASCII digits only: {@link Character#isDigit} also takes other scripts' digits. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int number(String v, int from, int to) {
    int result = 0;
    for (int i = from; i < to; i++) {
      result = result * 10 + (v.charAt(i) - '0');
    }
    return result;
  }

  /** Every accepted form, through the JDK's ISO formatters. */
  static Instant byFormatter(String value) {
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
  }
}
