package org.spatialcatalog.node.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {

  @Test
  void aListHasOneMarkerPerValue() {
    assertThat(Placeholders.list(1)).isEqualTo("?");
    assertThat(Placeholders.list(3)).isEqualTo("?, ?, ?");
  }

  @Test
  void rowsRepeatTheRowOfMarkers() {
    assertThat(Placeholders.rows(1, 2)).isEqualTo("(?, ?)");
    assertThat(Placeholders.rows(3, 1)).isEqualTo("(?), (?), (?)");
  }

  @Test
  void anEmptyListIsRefusedBecauseInAndValuesNeedOneEntry() {
    assertThatThrownBy(() -> Placeholders.list(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Placeholders.rows(0, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
