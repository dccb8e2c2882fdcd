package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;

class WildcardQueriesTest {

  @Test
  void aPatternIsCompiledOncePerFieldAndShared() {
    assertThat(WildcardQueries.of("title", "*moisture*"))
        .isSameAs(WildcardQueries.of("title", "*moisture*"))
        .isEqualTo(new WildcardQuery(new Term("title", "*moisture*")))
        .isNotSameAs(WildcardQueries.of("abstract", "*moisture*"));
    assertThat(WildcardQueries.of("abstract", "*moisture*"))
        .isEqualTo(new WildcardQuery(new Term("abstract", "*moisture*")));
  }

  @Test
  void onlyTheMostRecentlyUsedPatternsAreKept() {
    var first = WildcardQueries.of("title", "first*");
    for (int i = 0; i < WildcardQueries.CAPACITY; i++) {
      WildcardQueries.of("title", "other" + i + "*");
    }
    assertThat(WildcardQueries.of("title", "first*"))
        .isNotSameAs(first)
        .isEqualTo(new WildcardQuery(new Term("title", "first*")));
  }

  @Test
  void longPatternsAreNeverKept() {
    String pattern = "*" + "a".repeat(WildcardQueries.LONGEST) + "*";
    assertThat(WildcardQueries.of("title", pattern))
        .isNotSameAs(WildcardQueries.of("title", pattern))
        .isEqualTo(new WildcardQuery(new Term("title", pattern)));
  }
}
