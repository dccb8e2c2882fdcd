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
  private static final List<String> SIDES =
      List.of(
          "westBoundLongitude", "eastBoundLongitude", "southBoundLatitude", "northBoundLatitude");

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
    if (SIDES.stream().allMatch(name -> side(geographicBox, name).isEmpty())) {
      // An empty (e.g. nilReason-only) box says "no extent given", not "broken record".
      return Optional.empty();
    }
    double west = coordinate(geographicBox, "west", "westBoundLongitude", 180);
    double east = coordinate(geographicBox, "east", "eastBoundLongitude", 180);
    double south = coordinate(geographicBox, "south", "southBoundLatitude", 90);
    double north = coordinate(geographicBox, "north", "northBoundLatitude", 90);
    return Optional.of(Coordinates.box(west, south, east, north, "gmd:" + BBOX_ELEMENT));
  }

  private static double coordinate(
      RecordElement geographicBox, String side, String name, int limit) {
    ElementPath path = sidePath(name);
    String text =
        path.firstText(geographicBox)
            .orElseThrow(
                () ->
                    new InvalidRecordException(
                        "bbox " + side + " is missing (gmd:" + BBOX_ELEMENT + "/" + path + ")"));
    return Coordinates.parse(side, text, limit, "gmd:" + BBOX_ELEMENT + "/" + path);
  }

  private static Optional<String> side(RecordElement geographicBox, String name) {
    return sidePath(name).firstText(geographicBox);
  }

  private static ElementPath sidePath(String name) {
    return ElementPath.child(GMD, "gmd", name).then(GCO, "gco", "Decimal");
  }
}
