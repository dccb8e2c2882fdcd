package org.spatialcatalog.node.csw;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.SortOrder;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * A GetRecords request read from either encoding and checked: every parameter value is known or
 * refused by name. {@code startPosition} defaults to 1, {@code maxRecords} to 10 and is capped at
 * the configured ceiling; the element set defaults to summary and the result type to hits, as CSW
 * 2.0.2 says.
 */
record GetRecordsRequest(
    String resultType,
    boolean iso,
    RecordFormats.ElementSet elementSet,
    List<String> elementNames,
    Constraint constraint,
    SortOrder sort,
    int startPosition,
    int maxRecords,
    String requestId) {

  static final List<String> RESULT_TYPES = List.of("hits", "results", "validate");
  static final List<String> TYPE_NAMES = List.of("csw:Record", "gmd:MD_Metadata");
  static final List<String> OUTPUT_FORMATS = List.of("application/xml", "text/xml");
  static final List<String> CONSTRAINT_LANGUAGES = List.of("FILTER", "CQL_TEXT");

  static GetRecordsRequest read(CswRequest r, Queryables queryables, int ceiling) {
    String resultType =
        r.param("resultType") == null ? "hits" : r.param("resultType").toLowerCase(Locale.ROOT);
    if (!RESULT_TYPES.contains(resultType)) {
      throw CswException.invalid(
          "resultType", "resultType '" + r.param("resultType") + "' is not one of " + RESULT_TYPES);
    }
    boolean iso = outputSchema(r.param("outputSchema"));
    outputFormat(r.param("outputFormat"));
    int start = integer(r.param("startPosition"), 1, "startPosition");
    if (start < 1) {
      throw CswException.invalid("startPosition", "startPosition must be 1 or more, was " + start);
    }
    int max = integer(r.param("maxRecords"), 10, "maxRecords");
    if (max < 0) {
      throw CswException.invalid("maxRecords", "maxRecords must be 0 or more, was " + max);
    }
    max = Math.min(max, ceiling);
    if (r.isXml()) {
      Element query = FilterReader.child(r.root(), "Query");
      if (query == null) {
        throw CswException.missing("Query");
      }
      typeNames(query.getAttribute("typeNames"));
      List<String> names = new ArrayList<>();
      String set = null;
      Constraint constraint = new Constraint.All();
      SortOrder sort = SortOrder.RELEVANCE;
      for (Element child : FilterReader.children(query)) {
        switch (child.getLocalName()) {
          case "ElementSetName" -> set = child.getTextContent();
          case "ElementName" -> names.add(child.getTextContent());
          case "Constraint" -> constraint = constraint(child, queryables);
          case "SortBy" -> sort = sortXml(child);
          default ->
              throw CswException.invalid(
                  "Query", "csw:Query child '" + child.getLocalName() + "' is not supported");
        }
      }
      return new GetRecordsRequest(
          resultType,
          iso,
          elementSet(set),
          elementNames(names, iso),
          constraint,
          sort,
          start,
          max,
          r.param("requestId"));
    }
    String typeNames = r.param("typeNames");
    if (typeNames == null) {
      throw CswException.missing("typeNames");
    }
    typeNames(typeNames);
    Constraint constraint = kvpConstraint(r, queryables);
    return new GetRecordsRequest(
        resultType,
        iso,
        elementSet(r.param("elementSetName")),
        elementNames(r.list("elementName"), iso),
        constraint,
        sortKvp(r.param("sortBy")),
        start,
        max,
        r.param("requestId"));
  }

  /** True for ISO 19139 (gmd), false for csw:Record. */
  static boolean outputSchema(String schema) {
    if (schema == null || schema.equals(CswXml.CSW) || schema.equalsIgnoreCase("csw:Record")) {
      return false;
    }
    if (schema.equals(CswXml.GMD) || schema.equalsIgnoreCase("gmd:MD_Metadata")) {
      return true;
    }
    throw CswException.invalid(
        "outputSchema",
        "outputSchema '" + schema + "' is not one of " + CswXml.CSW + ", " + CswXml.GMD);
  }

  static void outputFormat(String format) {
    if (format != null && !OUTPUT_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
      throw CswException.invalid(
          "outputFormat", "outputFormat '" + format + "' is not one of " + OUTPUT_FORMATS);
    }
  }

  static RecordFormats.ElementSet elementSet(String name) {
    if (name == null || name.isBlank()) {
      return RecordFormats.ElementSet.SUMMARY;
    }
    try {
      return RecordFormats.ElementSet.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CswException.invalid(
          "ElementSetName", "ElementSetName '" + name + "' is not one of brief, summary, full");
    }
  }

  private static List<String> elementNames(List<String> names, boolean iso) {
    if (names.isEmpty()) {
      return List.of();
    }
    if (iso) {
      throw CswException.invalid(
          "ElementName", "ElementName is supported with the csw:Record output schema only");
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String local =
          name.strip().substring(name.strip().lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
      if (!RecordFormats.ELEMENT_NAMES.contains(local)) {
        throw CswException.invalid(
            "ElementName",
            "ElementName '"
                + name
                + "' is not one of"
                + " dc:identifier, dc:title, dc:type, dc:subject, dct:abstract, dct:modified,"
                + " ows:BoundingBox");
      }
      out.add(local);
    }
    return out;
  }

  private static void typeNames(String typeNames) {
    if (typeNames == null || typeNames.isBlank()) {
      throw CswException.missing("typeNames");
    }
    for (String name : typeNames.strip().split("[\\s,]+")) {
      String local = name.substring(name.lastIndexOf(':') + 1);
      if (!local.equals("Record") && !local.equals("MD_Metadata")) {
        throw CswException.invalid(
            "typeNames", "typeName '" + name + "' is not one of " + TYPE_NAMES);
      }
    }
  }

  private static Constraint kvpConstraint(CswRequest r, Queryables queryables) {
    String text = r.param("constraint");
    if (text == null) {
      return new Constraint.All();
    }
    String language = r.param("constraintLanguage");
    if (language == null) {
      throw CswException.missing("constraintLanguage");
    }
    if (language.equalsIgnoreCase("CQL_TEXT")) {
      return new CqlReader(queryables).read(text);
    }
    if (!language.equalsIgnoreCase("FILTER")) {
      throw CswException.invalid(
          "constraintLanguage",
          "constraintLanguage '" + language + "' is not one of " + CONSTRAINT_LANGUAGES);
    }
    Element filter;
    try {
      filter =
          SecureXml.documentBuilder()
              .parse(new InputSource(new StringReader(text)))
              .getDocumentElement();
    } catch (Exception e) {
      throw CswException.invalid(
          "constraint", "constraint is not well-formed XML: " + e.getMessage());
    }
    if (!"Filter".equals(filter.getLocalName())) {
      throw CswException.invalid(
          "constraint", "constraint root must be ogc:Filter, was " + filter.getLocalName());
    }
    return new FilterReader(queryables).read(filter);
  }

  /** A csw:Constraint element: an ogc:Filter or csw:CqlText. */
  static Constraint constraint(Element constraint, Queryables queryables) {
    for (Element child : FilterReader.children(constraint)) {
      if ("Filter".equals(child.getLocalName())) {
        return new FilterReader(queryables).read(child);
      }
      if ("CqlText".equals(child.getLocalName())) {
        return new CqlReader(queryables).read(child.getTextContent());
      }
    }
    throw CswException.invalid("Constraint", "csw:Constraint without ogc:Filter or csw:CqlText");
  }

  private static SortOrder sortXml(Element sortBy) {
    Element property = FilterReader.child(sortBy, "SortProperty");
    if (property == null) {
      return SortOrder.RELEVANCE;
    }
    Element name = FilterReader.child(property, "PropertyName");
    Element order = FilterReader.child(property, "SortOrder");
    return sort(
        name == null ? "" : name.getTextContent(),
        order == null || !order.getTextContent().strip().equalsIgnoreCase("DESC"));
  }

  private static SortOrder sortKvp(String sortBy) {
    if (sortBy == null) {
      return SortOrder.RELEVANCE;
    }
    String first = sortBy.split(",")[0].strip();
    boolean ascending = true;
    if (first.endsWith(":D") || first.endsWith(":DESC")) {
      ascending = false;
      first = first.substring(0, first.lastIndexOf(':'));
    } else if (first.endsWith(":A") || first.endsWith(":ASC")) {
      first = first.substring(0, first.lastIndexOf(':'));
    }
    return sort(first, ascending);
  }

  private static SortOrder sort(String property, boolean ascending) {
    String local =
        property.strip().substring(property.strip().lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
    return switch (local) {
      case "title" -> ascending ? SortOrder.TITLE : SortOrder.TITLE_DESCENDING;
      case "modified", "date", "revisiondate" ->
          ascending ? SortOrder.DATE_ASCENDING : SortOrder.DATE;
      case "relevance" -> SortOrder.RELEVANCE;
      default ->
          throw CswException.invalid(
              "sortBy", "cannot sort by '" + property + "'; use Title, Modified or relevance");
    };
  }

  static int integer(String value, int otherwise, String name) {
    if (value == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw CswException.invalid(name, name + " '" + value + "' is not an integer");
    }
  }
}
