package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

  @Test
  void shortTextIsKeptWithWhitespaceCollapsed() {
    assertThat(Excerpt.of("  A short\n\tabstract.  ")).isEqualTo("A short abstract.");
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(Excerpt.of(null)).isEmpty();
  }

  @Test
  void longTextIsCutOnAWordBoundaryWithEllipsis() {
    String text = "word ".repeat(100);

    String excerpt = Excerpt.of(text);

    assertThat(excerpt).endsWith("word…").hasSizeLessThanOrEqualTo(Excerpt.MAX_LENGTH + 1);
    assertThat(excerpt.substring(0, excerpt.length() - 1).split(" ")).containsOnly("word");
  }

  @Test
  void singleOverlongWordIsCutHard() {
    assertThat(Excerpt.of("x".repeat(300))).isEqualTo("x".repeat(200) + "…");
  }

  @Test
  void hardCutNeverSplitsASurrogatePair() {
    String text = "x".repeat(199) + "😀".repeat(10);

    assertThat(Excerpt.of(text)).isEqualTo("x".repeat(199) + "…");
  }
}
