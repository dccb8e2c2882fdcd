package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read common forms must read exactly as the JDK's ISO formatters read them. */
class DateStampsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-02-14",
        "2024-02-29",
        "2023-02-29",
        "2024-02-30",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "2024-5-01",
        "20240501",
        "\u0662\u0660\u0662\u0664-01-01",
        "2024-02-14T09:30:00",
        "2024-02-14T09:30:00Z",
        "2024-02-14T09:30:00z",
        "2024-02-14t09:30:00",
        "2024-02-14T09:30",
        "2024-02-14T24:00:00",
        "2024-02-14T23:60:00",
        "2024-02-14T23:59:60",
        "2024-02-14T09:30:00.2",
        "2024-02-14T09:30:00.250+02:00",
        "2024-02-14T09:30:00.123456789Z",
        "2024-02-14T09:30:00.1234567891Z",
        "2024-02-14T09:30:00.",
        "2024-02-14T09:30:00.Z",
        "2024-02-14T09:30:00+18:00",
        "2024-02-14T09:30:00-18:00",
        "2024-02-14T09:30:00+18:01",
        "2024-02-14T09:30:00+19:00",
        "2024-02-14T09:30:00-00:00",
        "2024-02-14T09:30:00-03:30",
        "2024-02-14T09:30:00+02:60",
        "2024-02-14T09:30:00+0200",
        "2024-02-14T09:30:00+02",
        "2024-02-14T09:30:00+02:00:30",
        "2024-02-14T09:30:00+02:00[Europe/Paris]",
        "2024-02-14T09:30:00 Z",
        "2024-02-14Z",
        "2024-02-14+02:00",
        "2024",
        "2024-05",
        "+12024-02-14T09:30:00Z",
        "2024-02-14T9:30:00Z",
        "2024-02-14T09:30:00ZZ",
        "2024-02-14X09:30:00Z",
      })
  void readsEveryFormAsTheFormattersDo(String text) {
    assertThat(read(text)).isEqualTo(byFormatter(text));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-02-14, 2024-02-14T00:00:00Z",
    "2024-02-14T09:30:00, 2024-02-14T09:30:00Z",
    "2024-02-14T09:30:00.25-03:30, 2024-02-14T13:00:00.250Z",
    "2024-02-14T09:30:00.000000001Z, 2024-02-14T09:30:00.000000001Z",
  })
  void readsTheCommonForms(String text, String expected) {
    assertThat(DateStamps.parse(text, "dateStamp")).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-02-30", "2024-02-14T24:00:00Z", "2024-02-14T09:30:00+19:00"})
  void refusesImpossibleValuesNamingTheField(String text) {
    assertThatThrownBy(() -> DateStamps.parse(text, "dateStamp (x)"))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("dateStamp (x) '" + text + "' is not an ISO 8601 date or date-time");
  }

  private static Optional<Instant> read(String text) {
    try {
      return Optional.of(DateStamps.parse(text, "dateStamp"));
    } catch (InvalidRecordException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> byFormatter(String text) {
    try {
      return Optional.of(DateStamps.byFormatter(text.strip()));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
