package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextTest {

  /** The definition the hand-written loop replaces. */
  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

  @Test
  void runsOfWhiteSpaceBecomeOneSpaceAndTheEndsAreTrimmed() {
    assertThat(Text.collapseWhitespace("  Inland \n\t  Waters \r\n")).isEqualTo("Inland Waters");
    assertThat(Text.collapseWhitespace("one two")).isEqualTo("one two");
    assertThat(Text.collapseWhitespace("one\ttwo")).isEqualTo("one two");
    assertThat(Text.collapseWhitespace(" \t ")).isEmpty();
    // A no-break space is not white space to the regex, and stays.
    assertThat(Text.collapseWhitespace("a\u00a0\u00a0b")).isEqualTo("a\u00a0\u00a0b");
  }

  @Test
  void itAgreesWithTheRegexOnRandomText() {
    // Every character the regex \s matches, white space it does not (strip() trims some of them
    // at the ends), and letters; 200,000 texts, seeded so that a failure can be replayed.
    char[] alphabet = " \t\n\u000B\f\r\u00a0\u2003\u3000\u0085ab".toCharArray();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      char[] text = new char[random.nextInt(12)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(text);
      String expected = WHITESPACE_RUN.matcher(s.strip()).replaceAll(" ");
      assertThat(Text.collapseWhitespace(s))
          .as("%s", s.codePoints().boxed().toList())
          .isEqualTo(expected);
    }
  }
}
