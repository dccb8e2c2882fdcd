package org.spatialcatalog.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a {@link SearchQuery} into a Lucene query.
 *
 * <p>Free text goes through {@link SimpleQueryParser}, which accepts any input without throwing,
 * with AND as the default operator and title matches weighted above keyword matches above abstract
 * matches. The whole text also matches a uuid or id exactly, so pasting an identifier finds its
 * record. Keyword and bbox constraints are non-scoring filters.
 *
 * <p>Text beyond {@value #MAX_TEXT_CHARS} characters is ignored, which keeps a literal query below
 * Lucene's clause limit (at most one clause per character and field). Operators such as fuzzy or
 * prefix terms can still expand past the limit; {@link #toLiteral} gives the fallback that splits
 * on whitespace and treats every other operator as plain text.
 */
final class QueryTranslator {

  private static final Map<String, Float> TEXT_FIELDS =
      Map.of(RecordFields.TITLE, 3f, RecordFields.KEYWORD_TEXT, 2f, RecordFields.ABSTRACT, 1f);

  // An exact identifier is the strongest signal there is; outrank any text match.
  private static final float IDENTIFIER_BOOST = 10f;

  static final int MAX_TEXT_CHARS = 256;

  // SimpleQueryParser's own default: every flag bit set.
  private static final int ALL_OPERATORS = -1;

  private final Analyzer analyzer;

  QueryTranslator(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  Query toLucene(SearchQuery query) {
    return translate(query, ALL_OPERATORS);
  }

  /** Like {@link #toLucene} but with every operator except whitespace taken literally. */
  Query toLiteral(SearchQuery query) {
    return translate(query, SimpleQueryParser.WHITESPACE_OPERATOR);
  }

  private Query translate(SearchQuery query, int operators) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    builder.add(textQuery(query, operators), Occur.MUST);
    for (String keyword : query.keywords()) {
      builder.add(new TermQuery(new Term(RecordFields.KEYWORD, keyword)), Occur.FILTER);
    }
    query
        .fieldFilters()
        .forEach(
            (field, values) -> {
              for (String value : values) {
                builder.add(
                    new TermQuery(new Term(RecordFields.EXTRA_EXACT + field, value)), Occur.FILTER);
              }
            });
    if (query.bbox() != null) {
      builder.add(intersecting(query.bbox()), Occur.FILTER);
    }
    if (query.constraint() != null) {
      builder.add(
          new ConstraintTranslator(query.textFields()).toLucene(query.constraint()), Occur.FILTER);
    }
    if (query.viewerTokens() != null) {
      builder.add(viewableBy(query.viewerTokens()), Occur.FILTER);
    }
    return builder.build();
  }

  private Query textQuery(SearchQuery query, int operators) {
    if (query.matchesAllText()) {
      return new MatchAllDocsQuery();
    }
    String text = capped(query.text().strip());
    Map<String, Float> fields = TEXT_FIELDS;
    if (!query.textFields().isEmpty()) {
      fields = new java.util.HashMap<>(TEXT_FIELDS);
      for (String extra : query.textFields()) {
        fields.put(RecordFields.EXTRA_TEXT + extra, 1f);
      }
    }
    SimpleQueryParser parser = new SimpleQueryParser(analyzer, fields, operators);
    parser.setDefaultOperator(Occur.MUST);
    Query parsed = parser.parse(text);
    BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
    // The parser yields null when the text analyzes to nothing, e.g. only stop words or operators.
    if (parsed != null) {
      anyOf.add(parsed, Occur.SHOULD);
    }
    anyOf.add(identifier(RecordFields.UUID, text), Occur.SHOULD);
    anyOf.add(identifier(RecordFields.ID, text), Occur.SHOULD);
    return anyOf.build();
  }

  private static String capped(String text) {
    if (text.length() <= MAX_TEXT_CHARS) {
      return text;
    }
    int end = MAX_TEXT_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  // Records everyone may view, plus those whose viewers share a token with the caller.
  private static Query viewableBy(java.util.Set<String> tokens) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String token : tokens) {
      any.add(new TermQuery(new Term(RecordFields.VIEW, token)), Occur.SHOULD);
    }
    BooleanQuery.Builder unrestricted = new BooleanQuery.Builder();
    unrestricted.add(new MatchAllDocsQuery(), Occur.MUST);
    unrestricted.add(new TermQuery(new Term(RecordFields.RESTRICTED, "true")), Occur.MUST_NOT);
    any.add(unrestricted.build(), Occur.SHOULD);
    return new org.apache.lucene.search.ConstantScoreQuery(any.build());
  }

  private static Query identifier(String field, String text) {
    return new BoostQuery(new TermQuery(new Term(field, text)), IDENTIFIER_BOOST);
  }

  /**
   * Records are indexed as boxes with west &lt;= east (see {@link RecordFields}), so intersection
   * is rec.west &lt;= q.east, rec.east &gt;= q.west, rec.south &lt;= q.north, rec.north &gt;=
   * q.south. A query box crossing the antimeridian is split in two.
   */
  static Query intersecting(Bbox box) {
    if (box.west() <= box.east()) {
      return intersecting(box.west(), box.south(), box.east(), box.north());
    }
    BooleanQuery.Builder eitherSide = new BooleanQuery.Builder();
    eitherSide.add(intersecting(box.west(), box.south(), 180, box.north()), Occur.SHOULD);
    eitherSide.add(intersecting(-180, box.south(), box.east(), box.north()), Occur.SHOULD);
    return eitherSide.build();
  }

  private static Query intersecting(double west, double south, double east, double north) {
    return DoublePoint.newRangeQuery(
        RecordFields.BBOX,
        new double[] {-180, -90, west, south},
        new double[] {east, north, 180, 90});
  }
}
