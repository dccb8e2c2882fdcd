package org.spatialcatalog.node.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryStringTest {

  @Test
  void decodesUtf8AndKeepsTheFirstValueOfEachName() {
    QueryString q =
        QueryString.parse("name=%C3%9Cberblick+2026.pdf&visibility=private&name=x&flag");
    assertThat(q.first("name")).isEqualTo("Überblick 2026.pdf");
    assertThat(q.first("visibility")).isEqualTo("private");
    assertThat(q.first("flag")).isEmpty();
    assertThat(q.first("missing")).isNull();
    assertThat(QueryString.parse(null).first("name")).isNull();
  }

  @Test
  void brokenEncodingIsABadRequest() {
    assertThatThrownBy(() -> QueryString.parse("name=%zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid URL encoding");
  }
}
