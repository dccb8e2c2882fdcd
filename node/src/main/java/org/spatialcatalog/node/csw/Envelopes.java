package org.spatialcatalog.node.csw;

import java.util.Locale;
import org.spatialcatalog.index.Bbox;

/**
 * Axis order of bounding boxes in queries and answers: EPSG:4326 cited as a URN ({@code
 * urn:ogc:def:crs:EPSG::4326}, with or without a version) or as {@code
 * http://www.opengis.net/def/crs/EPSG/0/4326} is latitude, longitude; CRS84, the legacy {@code
 * EPSG:4326} code and no CRS at all are longitude, latitude. Other CRSs are refused.
 */
final class Envelopes {

  /** The CRS the answers cite for csw:Record boxes (latitude first). */
  static final String EPSG_4326_URN = "urn:ogc:def:crs:EPSG::4326";

  private Envelopes() {}

  static boolean latitudeFirst(String crs, String locator) {
    if (crs == null || crs.isBlank()) {
      return false;
    }
    String c = crs.strip().toLowerCase(Locale.ROOT);
    if (c.contains("crs84")
        || c.equals("epsg:4326")
        || c.equals("http://www.opengis.net/gml/srs/epsg.xml#4326")) {
      return false;
    }
    if (c.matches("urn:(x-)?ogc:def:crs:epsg:[0-9.]*:4326")
        || c.matches("https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/4326")) {
      return true;
    }
    throw CswException.invalid(
        locator,
        "CRS '"
            + crs
            + "' is not supported; use"
            + " urn:ogc:def:crs:EPSG::4326 (latitude, longitude) or CRS84 (longitude, latitude)");
  }

  /** The box from two corners given in the CRS's axis order. */
  static Bbox of(double[] lower, double[] upper, String crs, String locator) {
    boolean latFirst = latitudeFirst(crs, locator);
    int x = latFirst ? 1 : 0;
    int y = latFirst ? 0 : 1;
    try {
      return new Bbox(lower[x], lower[y], upper[x], upper[y]);
    } catch (IllegalArgumentException e) {
      throw CswException.invalid(
          locator,
          e.getMessage() + (latFirst ? " (axis order latitude, longitude for " + crs + ")" : ""));
    }
  }

  static double[] corner(String text, String locator) {
    String[] parts = text == null ? new String[0] : text.strip().split("[\\s,]+");
    if (parts.length != 2) {
      throw CswException.invalid(locator, "corner '" + text + "' must be two numbers");
    }
    return new double[] {number(parts[0], locator), number(parts[1], locator)};
  }

  static double number(String text, String locator) {
    try {
      double v = Double.parseDouble(text.strip());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw CswException.invalid(locator, "'" + text + "' is not a number");
    }
  }
}
