package org.spatialcatalog.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Turns a {@link Constraint} into a non-scoring Lucene filter.
 *
 * <p>{@link Constraint.Like} words without wildcards go through the same analyzer as the indexed
 * text, so "Water-Quality" matches what a search for it matches; words with wildcards are
 * lower-cased and become wildcard queries on the analyzed terms. A comparison the index cannot
 * answer (for example equality on the abstract) is an {@link IllegalArgumentException} naming the
 * field, never a silent match-all.
 */
final class ConstraintTranslator {

  // The analyzer of the indexed text (see RecordIndex); only its tokenizer and lower-casing matter.
  private static final Analyzer ANALYZER = new StandardAnalyzer();

  private final List<String> textFields;

  ConstraintTranslator(List<String> extraTextFields) {
    this.textFields = extraTextFields;
  }

  Query toLucene(Constraint constraint) {
    return new ConstantScoreQuery(translate(constraint));
  }

  private Query translate(Constraint c) {
    if (c instanceof Constraint.And and) {
      return combine(and.parts(), Occur.FILTER);
    }
    if (c instanceof Constraint.Or or) {
      return combine(or.parts(), Occur.SHOULD);
    }
    if (c instanceof Constraint.Not not) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.add(new MatchAllDocsQuery(), Occur.FILTER);
      b.add(translate(not.negated()), Occur.MUST_NOT);
      return b.build();
    }
    if (c instanceof Constraint.Like like) {
      return like(like);
    }
    if (c instanceof Constraint.Equal equal) {
      return equal(equal);
    }
    if (c instanceof Constraint.DateRange range) {
      long from = range.from() == null ? Long.MIN_VALUE : range.from();
      long to = range.to() == null ? Long.MAX_VALUE : range.to();
      Property property = range.field().property();
      if (property != null) {
        return LongPoint.newRangeQuery(RecordFields.PROPERTY_DATE + property.fieldName(), from, to);
      }
      return NumericDocValuesField.newSlowRangeQuery(RecordFields.CHANGE_DATE, from, to);
    }
    if (c instanceof Constraint.Exists exists) {
      return exists(exists.field());
    }
    if (c instanceof Constraint.Intersects i) {
      return QueryTranslator.intersecting(i.box());
    }
    if (c instanceof Constraint.Within w) {
      return within(w.box());
    }
    return new MatchAllDocsQuery();
  }

  private Query combine(List<Constraint> parts, Occur occur) {
    if (parts.isEmpty()) {
      return occur == Occur.FILTER ? new MatchAllDocsQuery() : new MatchNoDocsQuery();
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Constraint part : parts) {
      b.add(translate(part), occur);
    }
    return b.build();
  }

  private Query like(Constraint.Like like) {
    if (like.words().isEmpty()) {
      return exists(like.field());
    }
    if (like.matchCase()) {
      return likeWithCase(like);
    }
    List<String> fields = textFieldsOf(like.field());
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (String word : like.words()) {
      List<Query> perTerm = new ArrayList<>();
      if (hasWildcard(word)) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (String field : fields) {
          perTerm.add(WildcardQueries.of(field, lower));
        }
        all.add(anyOf(perTerm), Occur.FILTER);
        continue;
      }
      for (String token : tokens(unescape(word))) {
        List<Query> fieldsMatch = new ArrayList<>();
        for (String field : fields) {
          fieldsMatch.add(new TermQuery(new Term(field, token)));
        }
        all.add(anyOf(fieldsMatch), Occur.FILTER);
      }
    }
    return all.build();
  }

  /**
   * Words compared with their case against the case-kept words of the field: a word without
   * wildcards is split like the indexed text and every part must occur; a word with wildcards must
   * match one indexed word as it is.
   */
  private static Query likeWithCase(Constraint.Like like) {
    String field = wordFieldOf(like.field());
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (String word : like.words()) {
      if (hasWildcard(word)) {
        all.add(WildcardQueries.of(field, word), Occur.FILTER);
        continue;
      }
      for (String part : RecordFields.words(unescape(word))) {
        all.add(new TermQuery(new Term(field, part)), Occur.FILTER);
      }
    }
    return all.build();
  }

  private static String wordFieldOf(Constraint.Ref ref) {
    if (ref.property() != null) {
      return RecordFields.PROPERTY_WORDS + ref.property().fieldName();
    }
    if (ref.field() == Constraint.Field.TITLE) {
      return RecordFields.TITLE_WORDS;
    }
    throw new IllegalArgumentException(
        "case-sensitive matching is not supported on "
            + (ref.extra() != null ? ref.extra() : ref.field())
            + "; only on Title and the record properties");
  }

  private List<String> textFieldsOf(Constraint.Ref ref) {
    if (ref.extra() != null) {
      return List.of(RecordFields.EXTRA_TEXT + ref.extra());
    }
    if (ref.property() != null) {
      return List.of(RecordFields.PROPERTY_TEXT + ref.property().fieldName());
    }
    return switch (ref.field()) {
      case ANY_TEXT -> {
        List<String> fields =
            new ArrayList<>(
                List.of(RecordFields.TITLE, RecordFields.ABSTRACT, RecordFields.KEYWORD_TEXT));
        textFields.forEach(f -> fields.add(RecordFields.EXTRA_TEXT + f));
        yield fields;
      }
      case TITLE -> List.of(RecordFields.TITLE);
      case ABSTRACT -> List.of(RecordFields.ABSTRACT);
      case KEYWORD -> List.of(RecordFields.KEYWORD_TEXT);
      default ->
          throw new IllegalArgumentException("text matching is not supported on " + ref.field());
    };
  }

  private static Query equal(Constraint.Equal e) {
    Constraint.Ref ref = e.field();
    String value = RecordFields.exact(e.value());
    if (ref.extra() != null) {
      return new TermQuery(new Term(RecordFields.EXTRA_EXACT + ref.extra(), value));
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (ref.property() != null) {
      String name = ref.property().fieldName();
      return e.matchCase()
          ? new TermQuery(new Term(RecordFields.PROPERTY_EXACT + name, value))
          : new TermQuery(new Term(RecordFields.PROPERTY_LOWER + name, lower));
    }
    return switch (ref.field()) {
      case TITLE ->
          e.matchCase()
              ? new TermQuery(new Term(RecordFields.TITLE_EXACT, value))
              : new TermQuery(new Term(RecordFields.TITLE_LOWER, lower));
      case KEYWORD ->
          e.matchCase()
              ? new TermQuery(new Term(RecordFields.KEYWORD, value))
              : new TermQuery(new Term(RecordFields.KEYWORD_LOWER, lower));
      case IDENTIFIER ->
          anyOf(
              List.of(
                  new TermQuery(new Term(RecordFields.UUID, value)),
                  new TermQuery(new Term(RecordFields.ID, value))));
      case SCHEMA -> new TermQuery(new Term(RecordFields.SCHEMA, value));
      default ->
          throw new IllegalArgumentException("exact comparison is not supported on " + ref.field());
    };
  }

  private static Query exists(Constraint.Ref ref) {
    if (ref.extra() != null) {
      return new FieldExistsQuery(RecordFields.EXTRA_EXACT + ref.extra());
    }
    if (ref.property() != null) {
      return new FieldExistsQuery(RecordFields.PROPERTY_EXACT + ref.property().fieldName());
    }
    return switch (ref.field()) {
      case BBOX ->
          DoublePoint.newRangeQuery(
              RecordFields.BBOX,
              new double[] {-180, -90, -180, -90},
              new double[] {180, 90, 180, 90});
      case KEYWORD -> new FieldExistsQuery(RecordFields.KEYWORD);
      case ABSTRACT -> new WildcardQuery(new Term(RecordFields.ABSTRACT, "*"));
      default -> new MatchAllDocsQuery();
    };
  }

  /** Records are indexed west &lt;= east, so "inside" is four bounds on the one point. */
  private static Query within(Bbox q) {
    if (q.west() > q.east()) {
      return anyOf(
          List.of(
              within(new Bbox(q.west(), q.south(), 180, q.north())),
              within(new Bbox(-180, q.south(), q.east(), q.north()))));
    }
    return DoublePoint.newRangeQuery(
        RecordFields.BBOX,
        new double[] {q.west(), q.south(), q.west(), q.south()},
        new double[] {q.east(), q.north(), q.east(), q.north()});
  }

  private static Query anyOf(List<Query> queries) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    queries.forEach(q -> b.add(q, Occur.SHOULD));
    return b.build();
  }

  private static boolean hasWildcard(String word) {
    for (int i = 0; i < word.length(); i++) {
      char ch = word.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '*' || ch == '?') {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String word) {
    StringBuilder out = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); i++) {
      char ch = word.charAt(i);
      if (ch == '\\' && i + 1 < word.length()) {
        ch = word.charAt(++i);
      }
      out.append(ch);
    }
    return out.toString();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }
}
