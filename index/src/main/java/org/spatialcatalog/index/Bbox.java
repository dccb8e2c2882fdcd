package org.spatialcatalog.index;

/**
 * A geographic bounding box in WGS 84 degrees, in the order west, south, east, north.
 *
 * <p>Validated on construction: longitudes within [-180, 180], latitudes within [-90, 90] and south
 * not above north. West may be greater than east for a box that crosses the antimeridian.
 */
public record Bbox(double west, double south, double east, double north) {

  public Bbox {
    checkRange("west", west, 180);
    checkRange("east", east, 180);
    checkRange("south", south, 90);
    checkRange("north", north, 90);
    if (south > north) {
      throw new IllegalArgumentException(
          "bbox south (" + south + ") is greater than north (" + north + ")");
    }
  }

  /** Parses {@code w,s,e,n}; throws {@link IllegalArgumentException} naming what is wrong. */
  public static Bbox parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw new IllegalArgumentException("bbox must be four numbers w,s,e,n, got '" + text + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bbox value '" + parts[i].trim() + "' is not a number");
      }
    }
    return new Bbox(v[0], v[1], v[2], v[3]);
  }

  /** The box as {@code [w, s, e, n]}, the shape used in JSON. */
  public double[] toArray() {
    return new double[] {west, south, east, north};
  }

  private static void checkRange(String name, double value, double limit) {
    if (Double.isNaN(value) || value < -limit || value > limit) {
      throw new IllegalArgumentException(
          "bbox " + name + " (" + value + ") is outside [-" + limit + ", " + limit + "]");
    }
  }
}
