package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndexedRecordTest {

  @Test
  void missingTextAndKeywordsBecomeEmpty() {
    IndexedRecord record =
        new IndexedRecord("id", "uuid", null, null, null, null, null, Instant.EPOCH, 1);

    assertThat(record.schema()).isEmpty();
    assertThat(record.title()).isEmpty();
    assertThat(record.abstractText()).isEmpty();
    assertThat(record.keywords()).isEmpty();
  }

  @Test
  void nullAndBlankKeywordsAreDropped() {
    IndexedRecord record =
        new IndexedRecord(
            "id",
            "uuid",
            "iso19139",
            "t",
            "a",
            Arrays.asList("a", null, " ", "b"),
            null,
            Instant.EPOCH,
            1);

    assertThat(record.keywords()).containsExactly("a", "b");
  }

  @Test
  void blankIdIsRejected() {
    assertThatThrownBy(
            () -> new IndexedRecord(" ", "uuid", null, null, null, null, null, Instant.EPOCH, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
  }
}
