package org.spatialcatalog.node.record;

import java.util.List;
import java.util.regex.Pattern;
import org.spatialcatalog.index.Bbox;

/**
 * Turns coordinate text from a record into validated {@link Bbox} values.
 *
 * <p>Guarantee: every failure is an {@link InvalidRecordException} naming the bbox side and the XML
 * path it came from; a returned box is always within WGS 84 ranges.
 */
final class Coordinates {

  // Plain decimal numbers only: Double.parseDouble would also accept "NaN", "Infinity", hex
  // floats and a trailing 'd', none of which is a coordinate.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private Coordinates() {}

  /** Parses a longitude ({@code limit} 180) or latitude ({@code limit} 90) named {@code side}. */
  static double parse(String side, String text, int limit, Object where) {
    return inRange(side, number(side, text, where), limit, where);
  }

  /** Parses plain decimal text; {@code what} and {@code where} name it in the error. */
  static double number(String what, String text, Object where) {
    String trimmed = text.strip();
    if (!DECIMAL.matcher(trimmed).matches()) {
      throw new InvalidRecordException(
          "bbox " + what + " '" + trimmed + "' is not a number (" + where + ")");
    }
    return Double.parseDouble(trimmed);
  }

  /** Returns {@code value} if it lies within [-limit, limit]. */
  static double inRange(String side, double value, int limit, Object where) {
    if (value < -limit || value > limit) {
      throw new InvalidRecordException(
          String.format(
              "bbox %s (%s) is outside [-%d, %d] (%s)", side, value, limit, limit, where));
    }
    return value;
  }

  /** Builds a box from already range-checked sides; rejects south above north. */
  static Bbox box(double west, double south, double east, double north, Object where) {
    try {
      return new Bbox(west, south, east, north);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(e.getMessage() + " (" + where + ")", e);
    }
  }

  /**
   * The smallest box covering all of {@code boxes}, or null when there are none. When any box
   * crosses the antimeridian (west greater than east) the union spans every longitude, because a
   * min/max of the raw values would describe the wrong side of the globe.
   */
  static Bbox union(List<Bbox> boxes) {
    if (boxes.isEmpty()) {
      return null;
    }
    if (boxes.size() == 1) {
      return boxes.get(0);
    }
    double west = 180;
    double south = 90;
    double east = -180;
    double north = -90;
    boolean crossesAntimeridian = false;
    for (Bbox b : boxes) {
      crossesAntimeridian |= b.west() > b.east();
      west = Math.min(west, b.west());
      south = Math.min(south, b.south());
      east = Math.max(east, b.east());
      north = Math.max(north, b.north());
    }
    if (crossesAntimeridian) {
      west = -180;
      east = 180;
    }
    return new Bbox(west, south, east, north);
  }
}
