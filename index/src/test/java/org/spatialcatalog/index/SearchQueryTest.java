package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  @Test
  void negativeFromIsRejectedNamingTheField() {
    assertThatThrownBy(() -> new SearchQuery(null, List.of(), null, -1, 10, SortOrder.TITLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
  }

  @Test
  void sizeOutsideZeroToThousandIsRejectedNamingTheField() {
    assertThatThrownBy(() -> new SearchQuery(null, List.of(), null, 0, 1001, SortOrder.TITLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
    assertThatThrownBy(() -> new SearchQuery(null, List.of(), null, 0, -1, SortOrder.TITLE))
        .hasMessageContaining("size");
  }

  @Test
  void nullKeywordsAndSortGetDefaults() {
    SearchQuery query = new SearchQuery("x", null, null, 0, 0, null);

    assertThat(query.keywords()).isEmpty();
    assertThat(query.sort()).isEqualTo(SortOrder.RELEVANCE);
  }
}
