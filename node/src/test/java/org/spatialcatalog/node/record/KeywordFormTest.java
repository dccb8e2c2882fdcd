package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordFormTest {

  @Test
  void caseSpacingAndUnicodeCompositionDoNotMakeTwoKeywords() {
    assertThat(KeywordForm.of("Hydrography")).isEqualTo("hydrography");
    assertThat(KeywordForm.of("  Inland   Waters ")).isEqualTo("inland waters");
    // "é" precomposed and as e + combining acute are one keyword.
    assertThat(KeywordForm.of("Caf\u00e9")).isEqualTo(KeywordForm.of("Cafe\u0301"));
    // Locale-independent: no Turkish dotless i whatever the default locale.
    assertThat(KeywordForm.of("INSPIRE")).isEqualTo("inspire");
  }

  @Test
  void aRecordsKeywordsAreIndexedOnceEachInTheirSearchForm() {
    assertThat(KeywordForm.of(Arrays.asList("Hydrography", "hydrography ", null, " ", "Lakes")))
        .containsExactly("hydrography", "lakes");
    assertThat(KeywordForm.of(List.of())).isEmpty();
  }
}
