package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OaiDatesTest {

  @Test
  void datesHaveTwoGranularitiesAndUntilIsInclusive() throws Exception {
    OaiDates.Bound day = OaiDates.parse("until", "2026-03-04");
    assertThat(day.day()).isTrue();
    assertThat(day.end()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    OaiDates.Bound second = OaiDates.parse("until", "2026-03-04T05:06:07Z");
    assertThat(second.end()).isEqualTo(Instant.parse("2026-03-04T05:06:08Z"));
    for (String bad :
        new String[] {
          "2026-3-4",
          "2026-02-30",
          "2026-03-04T05:06Z",
          "2026-03-04T05:06:07.5Z",
          "2026-03-04T05:06:07+01:00",
          "yesterday"
        }) {
      assertThatThrownBy(() -> OaiDates.parse("from", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              OaiException.class, e -> assertThat(e.code()).isEqualTo("badArgument"));
    }
    assertThat(OaiDates.format(Instant.parse("2026-03-04T05:06:07.999Z")))
        .isEqualTo("2026-03-04T05:06:07Z");
  }
}
