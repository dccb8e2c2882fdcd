package org.spatialcatalog.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordIdTest {

  @Test
  void newIdsMatchThePatternAndMapBackToTheirUuid() {
    Set<Character> firstChars = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      UUID uuid = UUID.randomUUID();
      String id = RecordId.fromUuid(uuid);
      assertThat(id).matches(RecordId.PATTERN).hasSize(36);
      assertThat(RecordId.toUuid(id)).isEqualTo(uuid);
      firstChars.add(id.charAt(0));
    }
    assertThat(firstChars).hasSize(16);
  }

  @Test
  void leadingDigitBecomesALetter() {
    assertThat(RecordId.fromUuid(UUID.fromString("0a0b0c0d-0000-4000-8000-000000000001")))
        .isEqualTo("ga0b0c0d_0000_4000_8000_000000000001");
    assertThat(RecordId.fromUuid(UUID.fromString("9a0b0c0d-0000-4000-8000-000000000001")))
        .startsWith("pa0b0c0d_");
    assertThat(RecordId.fromUuid(UUID.fromString("fa0b0c0d-0000-4000-8000-000000000001")))
        .startsWith("fa0b0c0d_");
  }

  @Test
  void rejectsTextThatIsNotAnId() {
    assertThat(RecordId.isRecordId("1234")).isFalse();
    assertThat(RecordId.isRecordId("3a0b0c0d_0000_4000_8000_000000000001")).isFalse();
    assertThat(RecordId.isRecordId("qa0b0c0d_0000_4000_8000_000000000001")).isFalse();
    assertThat(RecordId.isRecordId(null)).isFalse();
    assertThatThrownBy(() -> RecordId.toUuid("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../etc");
  }
}
