package org.spatialcatalog.node.record;

import static org.spatialcatalog.node.record.Namespaces.GCO;
import static org.spatialcatalog.node.record.Namespaces.GMD;
import static org.spatialcatalog.node.record.Namespaces.GMX;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Property;

/**
 * Extracts the searchable fields of an ISO 19139 {@code gmd:MD_Metadata} (or {@code
 * gmi:MI_Metadata}) element. Stateless and thread-safe.
 */
final class Iso19139Reader {

  private static final QName CHARACTER_STRING = new QName(GCO, "CharacterString", "gco");
  private static final QName ANCHOR = new QName(GMX, "Anchor", "gmx");

  private static final ElementPath FILE_IDENTIFIER =
      ElementPath.child(GMD, "gmd", "fileIdentifier").then(GCO, "gco", "CharacterString");

  // identificationInfo holds MD_DataIdentification or SV_ServiceIdentification (srv namespace);
  // both carry the citation, abstract and keywords in gmd, hence the wildcard step.
  private static final ElementPath IDENTIFICATION =
      ElementPath.child(GMD, "gmd", "identificationInfo").thenAny();

  private static final ElementPath TITLE =
      IDENTIFICATION
          .then(GMD, "gmd", "citation")
          .then(GMD, "gmd", "CI_Citation")
          .then(GMD, "gmd", "title")
          .thenOneOf(CHARACTER_STRING, ANCHOR);

  private static final ElementPath ABSTRACT =
      IDENTIFICATION.then(GMD, "gmd", "abstract").thenOneOf(CHARACTER_STRING, ANCHOR);

  private static final ElementPath KEYWORDS =
      IDENTIFICATION
          .then(GMD, "gmd", "descriptiveKeywords")
          .then(GMD, "gmd", "MD_Keywords")
          .then(GMD, "gmd", "keyword")
          .thenOneOf(CHARACTER_STRING, ANCHOR);

  private static final ElementPath DATE_STAMP =
      ElementPath.child(GMD, "gmd", "dateStamp")
          .thenOneOf(new QName(GCO, "DateTime", "gco"), new QName(GCO, "Date", "gco"));

  private static final String BBOX_ELEMENT = "EX_GeographicBoundingBox";
  private static final String BBOX_WHERE = "gmd:" + BBOX_ELEMENT;

  /**
   * One side of a {@code gmd:EX_GeographicBoundingBox}: its path and the place an error names, made
   * once rather than for every record.
   */
  private record Side(String label, ElementPath path, int limit, String where) {
    static Side of(String label, String element, int limit) {
      ElementPath path = ElementPath.child(GMD, "gmd", element).then(GCO, "gco", "Decimal");
      return new Side(label, path, limit, BBOX_WHERE + "/" + path);
    }
  }

  private static final Side WEST = Side.of("west", "westBoundLongitude", 180);
  private static final Side EAST = Side.of("east", "eastBoundLongitude", 180);
  private static final Side SOUTH = Side.of("south", "southBoundLatitude", 90);
  private static final Side NORTH = Side.of("north", "northBoundLatitude", 90);

  ParsedRecord read(RecordElement root, String xml, Map<Property, List<String>> properties) {
    String uuid = FILE_IDENTIFIER.firstText(root).orElse(null);
    String title =
        TITLE
            .firstText(root)
            .map(Text::collapseWhitespace)
            .orElseThrow(() -> new InvalidRecordException("title is missing (" + TITLE + ")"));
    String abstractText = ABSTRACT.firstText(root).orElse("");
    List<String> keywords = Text.distinctKeywords(KEYWORDS.texts(root));
    Bbox bbox = Coordinates.union(boxes(root));
    Instant dateStamp =
        DATE_STAMP
            .firstText(root)
            .map(text -> DateStamps.parse(text, "dateStamp (" + DATE_STAMP + ")"))
            .orElse(null);
    return new ParsedRecord(
        uuid,
        RecordSchema.ISO19139,
        title,
        abstractText,
        keywords,
        bbox,
        dateStamp,
        xml,
        properties);
  }

  // Boxes are looked for anywhere below identificationInfo: gmd:extent, srv:extent and extents
  // nested in temporal/vertical elements all occur in the wild. Boxes under dataQualityInfo
  // describe a quality scope, not the dataset, and are ignored.
  private static List<Bbox> boxes(RecordElement root) {
    List<Bbox> boxes = new ArrayList<>();
    for (RecordElement identification : IDENTIFICATION.select(root)) {
      for (RecordElement box : identification.descendants(GMD, BBOX_ELEMENT)) {
        box(box).ifPresent(boxes::add);
      }
    }
    return boxes;
  }

  private static Optional<Bbox> box(RecordElement geographicBox) {
    Optional<String> west = WEST.path().firstText(geographicBox);
    Optional<String> east = EAST.path().firstText(geographicBox);
    Optional<String> south = SOUTH.path().firstText(geographicBox);
    Optional<String> north = NORTH.path().firstText(geographicBox);
    if (west.isEmpty() && east.isEmpty() && south.isEmpty() && north.isEmpty()) {
      // An empty (e.g. nilReason-only) box says "no extent given", not "broken record".
      return Optional.empty();
    }
    double w = coordinate(WEST, west);
    double e = coordinate(EAST, east);
    double s = coordinate(SOUTH, south);
    double n = coordinate(NORTH, north);
    return Optional.of(Coordinates.box(w, s, e, n, BBOX_WHERE));
  }

  private static double coordinate(Side side, Optional<String> text) {
    return Coordinates.parse(
        side.label(),
        text.orElseThrow(
            () ->
                new InvalidRecordException(
                    "bbox " + side.label() + " is missing (" + side.where() + ")")),
        side.limit(),
        side.where());
  }
}
