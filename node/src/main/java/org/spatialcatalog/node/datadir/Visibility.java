package org.spatialcatalog.node.datadir;

import java.util.Locale;

/** Who may download an attachment: everyone, or only callers with the download privilege. */
public enum Visibility {
  PUBLIC,
  PRIVATE;

  /** The sub-folder of a record's folder holding files of this visibility. */
  public String directoryName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code public} or {@code private}; anything else is a bad request naming the value. */
  public static Visibility parse(String text) {
    if (text == null || text.isBlank()) {
      return PUBLIC;
    }
    for (Visibility v : values()) {
      if (v.directoryName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return v;
      }
    }
    throw new IllegalArgumentException("visibility '" + text + "' is not one of: public, private");
  }
}
