package org.spatialcatalog.node.record;

import static org.spatialcatalog.node.record.Namespaces.DC;
import static org.spatialcatalog.node.record.Namespaces.DCT;
import static org.spatialcatalog.node.record.Namespaces.OWS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Property;

/**
 * Extracts the searchable fields of a Dublin Core record: a CSW 2.0.2 {@code csw:Record} or an
 * OAI-PMH {@code oai_dc:dc}, whose children are {@code dc:}, {@code dct:} and {@code ows:}
 * elements. Stateless and thread-safe.
 */
final class DublinCoreReader {

  private static final ElementPath IDENTIFIER = ElementPath.child(DC, "dc", "identifier");
  private static final ElementPath TITLE = ElementPath.child(DC, "dc", "title");
  private static final ElementPath ABSTRACT = ElementPath.child(DCT, "dct", "abstract");
  private static final ElementPath DESCRIPTION = ElementPath.child(DC, "dc", "description");
  private static final ElementPath SUBJECT = ElementPath.child(DC, "dc", "subject");
  private static final ElementPath MODIFIED = ElementPath.child(DCT, "dct", "modified");
  private static final ElementPath DATE = ElementPath.child(DC, "dc", "date");
  private static final ElementPath BOUNDING_BOX = ElementPath.child(OWS, "ows", "BoundingBox");
  private static final ElementPath WGS84_BOUNDING_BOX =
      ElementPath.child(OWS, "ows", "WGS84BoundingBox");
  private static final ElementPath LOWER_CORNER = ElementPath.child(OWS, "ows", "LowerCorner");
  private static final ElementPath UPPER_CORNER = ElementPath.child(OWS, "ows", "UpperCorner");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern EPSG_4326_URN =
      Pattern.compile("(?i)urn:(x-)?ogc:def:crs:EPSG:[0-9.]*:4326");
  private static final Pattern EPSG_4326_URI =
      Pattern.compile("(?i)https?://www\\.opengis\\.net/def/crs/EPSG/[^/]+/4326");

  ParsedRecord read(RecordElement root, String xml, Map<Property, List<String>> properties) {
    String uuid = IDENTIFIER.firstText(root).orElse(null);
    String title =
        TITLE
            .firstText(root)
            .map(Text::collapseWhitespace)
            .orElseThrow(() -> new InvalidRecordException("title is missing (" + TITLE + ")"));
    String abstractText = ABSTRACT.firstText(root).or(() -> DESCRIPTION.firstText(root)).orElse("");
    List<String> keywords = Text.distinctKeywords(SUBJECT.texts(root));
    Bbox bbox = Coordinates.union(boxes(root));
    Instant dateStamp = dateStamp(root);
    return new ParsedRecord(
        uuid,
        RecordSchema.DUBLIN_CORE,
        title,
        abstractText,
        keywords,
        bbox,
        dateStamp,
        xml,
        properties);
  }

  private static Instant dateStamp(RecordElement root) {
    var modified = MODIFIED.firstText(root);
    if (modified.isPresent()) {
      return DateStamps.parse(modified.get(), "dateStamp (" + MODIFIED + ")");
    }
    return DATE.firstText(root)
        .map(date -> DateStamps.parse(date, "dateStamp (" + DATE + ")"))
        .orElse(null);
  }

  private static List<Bbox> boxes(RecordElement root) {
    List<Bbox> boxes = new ArrayList<>();
    for (RecordElement box : BOUNDING_BOX.select(root)) {
      boxes.add(box(box, latitudeFirst(box.attribute("crs")), BOUNDING_BOX));
    }
    // WGS84BoundingBox is defined by OWS as longitude-first whatever else it says.
    for (RecordElement box : WGS84_BOUNDING_BOX.select(root)) {
      boxes.add(box(box, false, WGS84_BOUNDING_BOX));
    }
    return boxes;
  }

  /**
   * The EPSG definition of 4326 orders axes latitude, longitude, and servers that cite it by URN or
   * by OGC URI follow that order: GeoNetwork writes {@code urn:ogc:def:crs:EPSG:6.6:4326}, pycsw
   * {@code urn:x-ogc:def:crs:EPSG:6.11:4326}, others {@code urn:ogc:def:crs:EPSG::4326} or {@code
   * http://www.opengis.net/def/crs/EPSG/0/4326}. Everything else, including a missing crs, CRS84,
   * the legacy {@code EPSG:4326} code and the GML {@code .../epsg.xml#4326} form, is read as
   * longitude, latitude, which is what producers of those forms mean in practice.
   */
  private static boolean latitudeFirst(String crs) {
    String c = crs == null ? "" : crs.strip();
    return EPSG_4326_URN.matcher(c).matches() || EPSG_4326_URI.matcher(c).matches();
  }

  private static Bbox box(RecordElement box, boolean latitudeFirst, ElementPath boxPath) {
    String lowerAt = boxPath + "/" + LOWER_CORNER;
    String upperAt = boxPath + "/" + UPPER_CORNER;
    double[] lower = corner(box, LOWER_CORNER, lowerAt);
    double[] upper = corner(box, UPPER_CORNER, upperAt);
    int lon = latitudeFirst ? 1 : 0;
    int lat = latitudeFirst ? 0 : 1;
    double west = Coordinates.inRange("west", lower[lon], 180, lowerAt);
    double south = Coordinates.inRange("south", lower[lat], 90, lowerAt);
    double east = Coordinates.inRange("east", upper[lon], 180, upperAt);
    double north = Coordinates.inRange("north", upper[lat], 90, upperAt);
    return Coordinates.box(west, south, east, north, boxPath.toString());
  }

  private static double[] corner(RecordElement box, ElementPath cornerPath, String where) {
    String text =
        cornerPath
            .firstText(box)
            .orElseThrow(
                () -> new InvalidRecordException("bbox corner is missing (" + where + ")"));
    String[] parts = WHITESPACE.split(text);
    if (parts.length != 2) {
      throw new InvalidRecordException(
          "bbox corner '" + text + "' must be two numbers separated by a space (" + where + ")");
    }
    String name = cornerPath.toString().substring("ows:".length());
    return new double[] {
      Coordinates.number(name + " value", parts[0], where),
      Coordinates.number(name + " value", parts[1], where)
    };
  }
}
