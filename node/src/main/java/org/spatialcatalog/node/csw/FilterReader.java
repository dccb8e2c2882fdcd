package org.spatialcatalog.node.csw;

import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Constraint;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an OGC Filter 1.1 ({@code ogc:Filter}) into a {@link Constraint}: the logical operators,
 * the comparison operators with {@code matchCase}, {@code PropertyIsLike} with its own {@code
 * wildCard}, {@code singleChar} and {@code escapeChar}, {@code PropertyIsNull}, and {@code BBOX},
 * {@code Intersects} and {@code Within} on a {@code gml:Envelope} (or {@code gml:Box}). Anything
 * else is refused by name.
 */
final class FilterReader {

  private static final String LOCATOR = "constraint";

  private final Queryables queryables;

  FilterReader(Queryables queryables) {
    this.queryables = queryables;
  }

  /** Reads the single operator inside an {@code ogc:Filter} element. */
  Constraint read(Element filter) {
    List<Element> ops = children(filter);
    if (ops.isEmpty()) {
      return new Constraint.All();
    }
    if (ops.size() > 1) {
      throw CswException.invalid(LOCATOR, "ogc:Filter holds one operator; combine with ogc:And");
    }
    return operator(ops.get(0));
  }

  private Constraint operator(Element e) {
    String name = e.getLocalName();
    switch (name) {
      case "And", "Or" -> {
        List<Constraint> parts = new ArrayList<>();
        for (Element child : children(e)) {
          parts.add(operator(child));
        }
        return name.equals("And") ? new Constraint.And(parts) : new Constraint.Or(parts);
      }
      case "Not" -> {
        List<Element> inner = children(e);
        if (inner.size() != 1) {
          throw CswException.invalid(LOCATOR, "ogc:Not holds exactly one operator");
        }
        return new Constraint.Not(operator(inner.get(0)));
      }
      case "PropertyIsEqualTo" -> {
        return compare(e, Comparisons.Op.EQ);
      }
      case "PropertyIsNotEqualTo" -> {
        return compare(e, Comparisons.Op.NE);
      }
      case "PropertyIsLessThan" -> {
        return compare(e, Comparisons.Op.LT);
      }
      case "PropertyIsLessThanOrEqualTo" -> {
        return compare(e, Comparisons.Op.LE);
      }
      case "PropertyIsGreaterThan" -> {
        return compare(e, Comparisons.Op.GT);
      }
      case "PropertyIsGreaterThanOrEqualTo" -> {
        return compare(e, Comparisons.Op.GE);
      }
      case "PropertyIsLike" -> {
        String property = text(e, "PropertyName");
        String pattern = text(e, "Literal");
        return Comparisons.like(
            queryables.resolve(property),
            property,
            pattern,
            character(e, "wildCard", '*'),
            character(e, "singleChar", '?'),
            character(e, "escapeChar", '\\'),
            // Filter 1.1 gives PropertyIsLike no matchCase (FES 2.0 does, default true); clients
            // expect LIKE to ignore case, so only an explicit "true" asks for case.
            "true".equalsIgnoreCase(e.getAttribute("matchCase").strip()));
      }
      case "PropertyIsBetween" -> {
        String property = text(e, "PropertyName");
        return Comparisons.between(
            queryables.resolve(property),
            property,
            boundary(e, "LowerBoundary"),
            boundary(e, "UpperBoundary"));
      }
      case "PropertyIsNull" -> {
        return Comparisons.isNull(queryables.resolve(text(e, "PropertyName")));
      }
      case "BBOX", "Intersects", "Within" -> {
        Element property = child(e, "PropertyName");
        String propertyName = property == null ? null : property.getTextContent().strip();
        Constraint.Ref ref = propertyName == null ? null : queryables.resolve(propertyName);
        return Comparisons.spatial(ref, propertyName, envelope(e), name.equals("Within"));
      }
      default ->
          throw new CswException(
              CswException.INVALID, LOCATOR, "filter operator ogc:" + name + " is not supported");
    }
  }

  private Constraint compare(Element e, Comparisons.Op op) {
    String property = text(e, "PropertyName");
    String value = text(e, "Literal");
    boolean matchCase = !"false".equalsIgnoreCase(e.getAttribute("matchCase").strip());
    return Comparisons.compare(queryables.resolve(property), property, op, value, matchCase);
  }

  private static Bbox envelope(Element op) {
    for (Element geometry : children(op)) {
      String srs = geometry.getAttribute("srsName");
      switch (geometry.getLocalName()) {
        case "Envelope" -> {
          return Envelopes.of(
              Envelopes.corner(text(geometry, "lowerCorner"), LOCATOR),
              Envelopes.corner(text(geometry, "upperCorner"), LOCATOR),
              srs,
              LOCATOR);
        }
        case "Box" -> {
          String[] pairs = text(geometry, "coordinates").strip().split("\\s+");
          if (pairs.length != 2) {
            throw CswException.invalid(LOCATOR, "gml:Box needs two coordinate pairs");
          }
          return Envelopes.of(
              Envelopes.corner(pairs[0], LOCATOR),
              Envelopes.corner(pairs[1], LOCATOR),
              srs,
              LOCATOR);
        }
        case "PropertyName" -> {
          // the property, read by the caller
        }
        default ->
            throw CswException.invalid(
                LOCATOR,
                "geometry gml:" + geometry.getLocalName() + " is not supported; use gml:Envelope");
      }
    }
    throw CswException.invalid(LOCATOR, "ogc:" + op.getLocalName() + " without gml:Envelope");
  }

  private static String boundary(Element e, String name) {
    Element b = child(e, name);
    if (b == null) {
      throw CswException.invalid(LOCATOR, "ogc:PropertyIsBetween without ogc:" + name);
    }
    return text(b, "Literal");
  }

  private static char character(Element e, String attribute, char otherwise) {
    String v = e.getAttribute(attribute);
    if (v.isEmpty()) {
      return otherwise;
    }
    if (v.length() != 1) {
      throw CswException.invalid(LOCATOR, attribute + " must be one character, was '" + v + "'");
    }
    return v.charAt(0);
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      throw CswException.invalid(LOCATOR, "ogc:" + parent.getLocalName() + " without " + name);
    }
    return e.getTextContent();
  }

  static Element child(Element parent, String localName) {
    for (Element e : children(parent)) {
      if (localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }
}
