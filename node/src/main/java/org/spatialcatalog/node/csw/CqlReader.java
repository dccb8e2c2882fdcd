package org.spatialcatalog.node.csw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spatialcatalog.index.Constraint;

/**
 * Reads OGC CQL text ({@code CONSTRAINTLANGUAGE=CQL_TEXT}) into a {@link Constraint}: {@code AND},
 * {@code OR}, {@code NOT}, parentheses, the comparisons {@code = <> < <= > >=}, {@code [NOT] LIKE}
 * and {@code ILIKE} (wildcards {@code %} and {@code _}, escape {@code \}), {@code BETWEEN ... AND
 * ...}, {@code IS [NOT] NULL} and {@code BBOX(property, minx, miny, maxx, maxy[, 'crs'])}. Keywords
 * ignore case; strings are single-quoted with {@code ''} for a quote. A syntax error names the
 * position.
 */
final class CqlReader {

  private static final String LOCATOR = "constraint";

  private final Queryables queryables;
  private List<String> tokens;
  private int pos;

  CqlReader(Queryables queryables) {
    this.queryables = queryables;
  }

  Constraint read(String cql) {
    tokens = tokenize(cql);
    pos = 0;
    if (tokens.isEmpty()) {
      return new Constraint.All();
    }
    Constraint c = or();
    if (pos < tokens.size()) {
      throw error("unexpected '" + tokens.get(pos) + "'");
    }
    return c;
  }

  private Constraint or() {
    List<Constraint> parts = new ArrayList<>(List.of(and()));
    while (keyword("OR")) {
      parts.add(and());
    }
    return parts.size() == 1 ? parts.get(0) : new Constraint.Or(parts);
  }

  private Constraint and() {
    List<Constraint> parts = new ArrayList<>(List.of(factor()));
    while (keyword("AND")) {
      parts.add(factor());
    }
    return parts.size() == 1 ? parts.get(0) : new Constraint.And(parts);
  }

  private Constraint factor() {
    if (keyword("NOT")) {
      return new Constraint.Not(factor());
    }
    if (symbol("(")) {
      Constraint inner = or();
      expect(")");
      return inner;
    }
    String first = next("a property or BBOX");
    String upper = first.toUpperCase(Locale.ROOT);
    if ((upper.equals("BBOX") || upper.equals("INTERSECTS") || upper.equals("WITHIN"))
        && symbol("(")) {
      return spatial(upper);
    }
    return predicate(first);
  }

  private Constraint spatial(String op) {
    String property = next("a property");
    expect(",");
    if (!op.equals("BBOX")) {
      // INTERSECTS(prop, ENVELOPE(minx, maxx, maxy, miny)) as CQL writes envelopes.
      String envelope = next("ENVELOPE");
      if (!envelope.equalsIgnoreCase("ENVELOPE")) {
        throw error("only ENVELOPE geometries are supported, not " + envelope);
      }
      expect("(");
      double west = number();
      expect(",");
      double east = number();
      expect(",");
      double north = number();
      expect(",");
      double south = number();
      expect(")");
      expect(")");
      return Comparisons.spatial(
          queryables.resolve(property),
          property,
          Envelopes.of(new double[] {west, south}, new double[] {east, north}, null, LOCATOR),
          op.equals("WITHIN"));
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        expect(",");
      }
      v[i] = number();
    }
    String crs = null;
    if (symbol(",")) {
      crs = literal(next("a CRS"));
    }
    expect(")");
    return Comparisons.spatial(
        queryables.resolve(property),
        property,
        Envelopes.of(new double[] {v[0], v[1]}, new double[] {v[2], v[3]}, crs, LOCATOR),
        false);
  }

  private Constraint predicate(String property) {
    Constraint.Ref ref = queryables.resolve(property);
    if (keyword("IS")) {
      boolean not = keyword("NOT");
      if (!keyword("NULL")) {
        throw error("expected NULL");
      }
      Constraint isNull = Comparisons.isNull(ref);
      return not ? new Constraint.Not(isNull) : isNull;
    }
    boolean not = keyword("NOT");
    if (keyword("LIKE") || keyword("ILIKE")) {
      Constraint like = Comparisons.like(ref, property, literal(next("a pattern")), '%', '_', '\\');
      return not ? new Constraint.Not(like) : like;
    }
    if (keyword("BETWEEN")) {
      String lower = literal(next("a value"));
      if (!keyword("AND")) {
        throw error("expected AND");
      }
      Constraint between = Comparisons.between(ref, property, lower, literal(next("a value")));
      return not ? new Constraint.Not(between) : between;
    }
    if (not) {
      throw error("expected LIKE, ILIKE or BETWEEN after NOT");
    }
    String op = next("a comparison");
    Comparisons.Op cmp =
        switch (op) {
          case "=" -> Comparisons.Op.EQ;
          case "<>", "!=" -> Comparisons.Op.NE;
          case "<" -> Comparisons.Op.LT;
          case "<=" -> Comparisons.Op.LE;
          case ">" -> Comparisons.Op.GT;
          case ">=" -> Comparisons.Op.GE;
          default -> throw error("unknown operator '" + op + "'");
        };
    return Comparisons.compare(ref, property, cmp, literal(next("a value")), true);
  }

  private double number() {
    return Envelopes.number(next("a number"), LOCATOR);
  }

  private static String literal(String token) {
    if (token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
      return token.substring(1, token.length() - 1).replace("''", "'");
    }
    return token;
  }

  private boolean keyword(String word) {
    if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean symbol(String s) {
    if (pos < tokens.size() && tokens.get(pos).equals(s)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!symbol(s)) {
      throw error("expected '" + s + "'");
    }
  }

  private String next(String what) {
    if (pos >= tokens.size()) {
      throw error("expected " + what + " at the end");
    }
    return tokens.get(pos++);
  }

  private CswException error(String message) {
    return CswException.invalid(LOCATOR, "CQL: " + message + " (token " + (pos + 1) + ")");
  }

  private static List<String> tokenize(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw CswException.invalid(LOCATOR, "CQL: unterminated string at " + i);
          }
          if (text.charAt(j) == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.add(text.substring(i, j + 1));
        i = j + 1;
      } else if ("(),".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if ("<>=!".indexOf(c) >= 0) {
        int j = i + 1;
        if (j < text.length() && "<>=".indexOf(text.charAt(j)) >= 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else {
        int j = i;
        while (j < text.length()
            && !Character.isWhitespace(text.charAt(j))
            && "()',<>=!".indexOf(text.charAt(j)) < 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
