package org.spatialcatalog.node.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Values beyond the documented limits are refused with a message naming the limit. */
class RecordLimitsTest {

  private final RecordXmlParser parser = new RecordXmlParser();

  private static String dc(String title, String description, String subjects) {
    return "<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>"
        + title
        + "</dc:title>"
        + "<dc:description>"
        + description
        + "</dc:description>"
        + subjects
        + "</csw:Record>";
  }

  private static String subject(String s) {
    return "<dc:subject>" + s + "</dc:subject>";
  }

  @Test
  void acceptsValuesAtTheLimits() {
    String keywords =
        IntStream.range(0, RecordLimits.KEYWORDS - 1)
                .mapToObj(i -> subject("k" + i))
                .collect(Collectors.joining())
            + subject("y".repeat(RecordLimits.KEYWORD_CHARS));
    ParsedRecord r =
        parser.parse(
            dc(
                "t".repeat(RecordLimits.TITLE_CHARS),
                "a".repeat(RecordLimits.ABSTRACT_CHARS),
                keywords));
    assertThat(r.keywords()).hasSize(RecordLimits.KEYWORDS);
  }

  @Test
  void refusesAnOverlongKeyword() {
    assertThatThrownBy(() -> parser.parse(dc("Title", "", subject("x".repeat(40_000)))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("keyword 1 has 40000 characters")
        .hasMessageContaining("the limit is 1000");
  }

  @Test
  void refusesTooManyKeywords() {
    String keywords =
        IntStream.range(0, RecordLimits.KEYWORDS + 1)
            .mapToObj(i -> subject("k" + i))
            .collect(Collectors.joining());
    assertThatThrownBy(() -> parser.parse(dc("Title", "", keywords)))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("1001 keywords; the limit is 1000");
  }

  @Test
  void refusesAnOverlongTitle() {
    assertThatThrownBy(() -> parser.parse(dc("t".repeat(RecordLimits.TITLE_CHARS + 1), "", "")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("title has 4001 characters; the limit is 4000");
  }

  @Test
  void refusesAnOverlongAbstract() {
    assertThatThrownBy(() -> parser.parse(dc("T", "a".repeat(RecordLimits.ABSTRACT_CHARS + 1), "")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("abstract has 100001 characters; the limit is 100000");
  }
}
